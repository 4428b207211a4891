/** The composer's typed triggers: `/` for snippets at the start, `@` for teammates in notes. Pure text functions. */

export interface MentionCandidate {
  id: number;
  name: string;
  email?: string;
}

export const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

const wordChar = /[\p{L}\p{N}]/u;

/** `/query` when the text before the caret is a slash at the very start followed by one word (or nothing). */
export function slashQuery(text: string, caret: number): string | null {
  const match = /^\/(\S*)$/.exec(text.slice(0, caret));
  return match ? match[1]! : null;
}

/**
 * The `@query` being typed at the caret: an `@` at the start or after whitespace, then up to 40
 * characters on the same line (names have spaces, so the query may too).
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** Teammates matching a query: whole name or any word of it starting with the query, accents ignored; name matches first. */
export function filterCandidates<T extends MentionCandidate>(candidates: T[], query: string, limit = 8): T[] {
  const q = normalize(query.trim());
  if (!q) return candidates.slice(0, limit);
  const scored: Array<[number, T]> = [];
  for (const c of candidates) {
    const name = normalize(c.name);
    let score = -1;
    if (name.startsWith(q)) score = 0;
    else if (name.split(/\s+/).some((word, i, words) => words.slice(i).join(' ').startsWith(q))) score = 1;
    else if (c.email && normalize(c.email).startsWith(q)) score = 2;
    if (score >= 0) scored.push([score, c]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, c]) => c);
}

/** Replaces `[start, end)` with `insert`; answers the new text and where the caret goes. */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/** Replaces the `@query` at the caret with `@Full Name `. */
export function insertMention(text: string, start: number, caret: number, name: string) {
  const after = text.slice(caret);
  return replaceRange(text, start, caret, after.startsWith(' ') ? `@${name}` : `@${name} `);
}

/**
 * The teammates a note mentions, in order of appearance: each `@Name` in the text (case- and
 * accent-insensitive, not followed by a letter or digit). Longer names are matched first, so
 * `@Ana María` is not also `@Ana`.
 */
export function findMentions(body: string, candidates: MentionCandidate[]): number[] {
  let text = normalize(body);
  const first = new Map<number, number>();
  const byLength = [...candidates].filter((c) => c.name.trim()).sort((a, b) => b.name.length - a.name.length);
  for (const c of byLength) {
    const needle = `@${normalize(c.name.trim())}`;
    let from = 0;
    for (;;) {
      const i = text.indexOf(needle, from);
      if (i < 0) break;
      const next = text[i + needle.length];
      if (next === undefined || !wordChar.test(next)) {
        if (!first.has(c.id)) first.set(c.id, i);
        // Blank the match so a shorter name cannot match inside it.
        text = text.slice(0, i) + ' '.repeat(needle.length) + text.slice(i + needle.length);
      }
      from = i + 1;
    }
  }
  // In the order they appear in the note.
  return [...first.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}
