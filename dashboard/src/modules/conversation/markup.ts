/**
 * The chat markup WhatsApp and most channels use: `*bold*`, `_italic_`, `~strike~`, and bare links.
 * The parser produces a tree of plain strings and typed nodes, never HTML: the renderer turns it into
 * React elements, so customer text can never inject markup.
 */
export type MarkupNode =
  | string
  | { type: 'strong' | 'em' | 's'; children: MarkupNode[] }
  | { type: 'link'; href: string; text: string };

const markers: Record<string, 'strong' | 'em' | 's'> = { '*': 'strong', _: 'em', '~': 's' };

const wordChar = /[\p{L}\p{N}]/u;
const space = /\s/u;
const urlAt = /(?:https?:\/\/|www\.)[^\s<>"]+/iy;

/** The link starting at `i`, with trailing punctuation (and an unbalanced closing parenthesis) left out. */
function linkAt(text: string, i: number): { end: number; raw: string } | null {
  if (i > 0 && wordChar.test(text[i - 1]!)) return null;
  urlAt.lastIndex = i;
  const match = urlAt.exec(text);
  if (!match) return null;
  let raw = match[0];
  for (;;) {
    const last = raw.at(-1)!;
    if (/[.,;:!?'*_~]/.test(last)) raw = raw.slice(0, -1);
    else if (last === ')' && (raw.match(/\(/g)?.length ?? 0) < (raw.match(/\)/g)?.length ?? 0)) raw = raw.slice(0, -1);
    else break;
  }
  if (/^(https?:\/\/|www\.)$/i.test(raw)) return null;
  return { end: i + raw.length, raw };
}

/** The index of the marker closing the one at `open`, on the same line, or -1. Links in between are skipped whole. */
function closingMarker(text: string, open: number): number {
  const marker = text[open]!;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\n') return -1;
    const link = linkAt(text, j);
    if (link) {
      j = link.end - 1;
      continue;
    }
    if (c !== marker || j === open + 1) continue;
    const before = text[j - 1]!;
    const after = text[j + 1];
    if (!space.test(before) && (after === undefined || !wordChar.test(after))) return j;
  }
  return -1;
}

export function parseMarkup(text: string): MarkupNode[] {
  const nodes: MarkupNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(plain);
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const link = linkAt(text, i);
    if (link) {
      flush();
      nodes.push({ type: 'link', href: /^www\./i.test(link.raw) ? `https://${link.raw}` : link.raw, text: link.raw });
      i = link.end;
      continue;
    }
    const c = text[i]!;
    const type = markers[c];
    if (type) {
      const prev = i > 0 ? text[i - 1]! : '';
      const next = text[i + 1];
      const opens = (prev === '' || !wordChar.test(prev)) && prev !== c && next !== undefined && !space.test(next) && next !== c;
      const close = opens ? closingMarker(text, i) : -1;
      if (close > 0) {
        flush();
        nodes.push({ type, children: parseMarkup(text.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return nodes;
}

/** The text without markers (previews, copying, searching). */
export function plainText(nodes: MarkupNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : n.type === 'link' ? n.text : plainText(n.children))).join('');
}
