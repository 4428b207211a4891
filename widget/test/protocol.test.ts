import { expect, it } from 'vitest';
import { urlMatches } from '../src/protocol';
import { fill, pickLanguage, stringsFor } from '../src/frame/i18n';

it('campaign URL patterns: * is anything, the rest literal, the whole URL', () => {
  expect(urlMatches('*', 'https://optica.test/')).toBe(true);
  expect(urlMatches('*/lentes*', 'https://optica.test/lentes/contacto?x=1')).toBe(true);
  expect(urlMatches('*/lentes*', 'https://optica.test/gafas')).toBe(false);
  expect(urlMatches('https://optica.test/?', 'https://optica.test/a')).toBe(false); // ? is literal
  expect(urlMatches('https://optica.test/', 'https://optica.test/')).toBe(true);
});

it('Spanish unless data-lang or the browser asks for English; every string exists in both', () => {
  expect(pickLanguage(undefined, ['en-US', 'es'])).toBe('en');
  expect(pickLanguage('es', ['en-US'])).toBe('es');
  expect(pickLanguage(undefined, ['fr-FR', 'de'])).toBe('es');
  expect(Object.keys(stringsFor('en')).sort()).toEqual(Object.keys(stringsFor('es')).sort());
  expect(fill(stringsFor('es').typing, { name: 'Ana' })).toBe('Ana está escribiendo…');
});
