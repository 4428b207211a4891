import { describe, expect, it } from 'vitest';
import { parseMarkup, plainText } from './markup';

describe('parseMarkup', () => {
  it('keeps plain text as one string', () => {
    expect(parseMarkup('Hola, ¿cómo estás?')).toEqual(['Hola, ¿cómo estás?']);
    expect(parseMarkup('')).toEqual([]);
  });

  it('turns *bold*, _italic_ and ~strike~ into nodes', () => {
    expect(parseMarkup('es *muy* importante')).toEqual(['es ', { type: 'strong', children: ['muy'] }, ' importante']);
    expect(parseMarkup('_nota_')).toEqual([{ type: 'em', children: ['nota'] }]);
    expect(parseMarkup('precio ~10~ 8')).toEqual(['precio ', { type: 's', children: ['10'] }, ' 8']);
  });

  it('nests markers and spans several words', () => {
    expect(parseMarkup('*hola _mundo_ feliz*')).toEqual([{ type: 'strong', children: ['hola ', { type: 'em', children: ['mundo'] }, ' feliz'] }]);
  });

  it('leaves markers that do not open or close a span as text', () => {
    expect(parseMarkup('2*3*4')).toEqual(['2*3*4']);
    expect(parseMarkup('snake_case_name')).toEqual(['snake_case_name']);
    expect(parseMarkup('a * b * c')).toEqual(['a * b * c']);
    expect(parseMarkup('*sin cerrar')).toEqual(['*sin cerrar']);
    expect(parseMarkup('**')).toEqual(['**']);
    expect(parseMarkup('*una\nlínea*')).toEqual(['*una\nlínea*']);
  });

  it('closes before punctuation but not inside a word', () => {
    expect(parseMarkup('*listo*, gracias')).toEqual([{ type: 'strong', children: ['listo'] }, ', gracias']);
    expect(parseMarkup('*no*cierra')).toEqual(['*no*cierra']);
  });

  it('finds links, dropping trailing punctuation, and keeps markers inside them', () => {
    expect(parseMarkup('mira https://example.com/a_b_c.')).toEqual(['mira ', { type: 'link', href: 'https://example.com/a_b_c', text: 'https://example.com/a_b_c' }, '.']);
    expect(parseMarkup('(ver www.atiende.app)')).toEqual(['(ver ', { type: 'link', href: 'https://www.atiende.app', text: 'www.atiende.app' }, ')']);
    expect(parseMarkup('*ver https://x.io/a_b_c*')).toEqual([{ type: 'strong', children: ['ver ', { type: 'link', href: 'https://x.io/a_b_c', text: 'https://x.io/a_b_c' }] }]);
  });

  it('never produces a link for other schemes', () => {
    const nodes = parseMarkup('javascript:alert(1) data:text/html,<b>x</b>');
    expect(nodes.every((n) => typeof n === 'string')).toBe(true);
  });

  it('plainText drops the markers', () => {
    expect(plainText(parseMarkup('*hola* _tú_ https://a.io'))).toBe('hola tú https://a.io');
  });
});
