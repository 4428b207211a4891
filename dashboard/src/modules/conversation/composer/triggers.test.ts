import { describe, expect, it } from 'vitest';
import { filterCandidates, findMentions, insertMention, mentionQuery, slashQuery } from './triggers';

const team = [
  { id: 1, name: 'Ana', email: 'ana@x.io' },
  { id: 2, name: 'Ana María Pérez', email: 'amaria@x.io' },
  { id: 3, name: 'José Álvarez', email: 'jose@x.io' },
  { id: 4, name: 'Bruno', email: 'soporte@x.io' },
];

describe('slashQuery', () => {
  it('answers the word after a slash at the start', () => {
    expect(slashQuery('/', 1)).toBe('');
    expect(slashQuery('/salu', 5)).toBe('salu');
  });
  it('ignores slashes elsewhere or after a space', () => {
    expect(slashQuery('hola /salu', 10)).toBeNull();
    expect(slashQuery('/salu do', 8)).toBeNull();
    expect(slashQuery('1/2', 3)).toBeNull();
  });
});

describe('mentionQuery', () => {
  it('finds the @query at the caret', () => {
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('hola @an', 8)).toEqual({ start: 5, query: 'an' });
    expect(mentionQuery('hola @ana mar', 13)).toEqual({ start: 5, query: 'ana mar' });
  });
  it('does not trigger inside e-mail addresses, across lines or after a finished mention', () => {
    expect(mentionQuery('correo ana@x.io', 15)).toBeNull();
    expect(mentionQuery('@ana\nhola', 9)).toBeNull();
    expect(mentionQuery('@ ', 2)).toBeNull();
    expect(mentionQuery('@Ana  y luego', 13)).toBeNull();
  });
});

describe('filterCandidates', () => {
  it('matches the name or any word of it, ignoring accents and case', () => {
    expect(filterCandidates(team, 'an').map((c) => c.id)).toEqual([1, 2]);
    expect(filterCandidates(team, 'alva').map((c) => c.id)).toEqual([3]);
    expect(filterCandidates(team, 'JOSE').map((c) => c.id)).toEqual([3]);
    expect(filterCandidates(team, 'maría p').map((c) => c.id)).toEqual([2]);
  });
  it('falls back to the e-mail and limits the list', () => {
    expect(filterCandidates(team, 'soporte').map((c) => c.id)).toEqual([4]);
    expect(filterCandidates(team, '', 2)).toHaveLength(2);
    expect(filterCandidates(team, 'zz')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the query with the full name and a space', () => {
    expect(insertMention('hola @an', 5, 8, 'Ana María Pérez')).toEqual({ text: 'hola @Ana María Pérez ', caret: 22 });
    expect(insertMention('@jo mira', 0, 3, 'José Álvarez')).toEqual({ text: '@José Álvarez mira', caret: 13 });
  });
});

describe('findMentions', () => {
  it('finds each mentioned teammate once, in order of appearance, longest names first', () => {
    expect(findMentions('@Ana María Pérez mira esto, y @ana también. @Bruno!', team)).toEqual([2, 1, 4]);
    expect(findMentions('@ana maría pérez', team)).toEqual([2]);
    expect(findMentions('@jose alvarez', team)).toEqual([3]);
  });
  it('ignores names inside other words and plain text', () => {
    expect(findMentions('@Anabel y Ana sin arroba, ana@x.io', team)).toEqual([]);
  });
});
