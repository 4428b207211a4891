import { convert } from 'html-to-text';

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

/**
 * The text of an HTML-only email (postal-mime gives text only from a text/plain part). Plain text is what the
 * agent sees and what is searched: never markup, so nothing in it can run in the dashboard. Links keep their
 * address, images (logos, trackers) are dropped, blockquotes become "> " lines the quote trimming recognises.
 */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] } },
      ...headings,
    ],
  }).trim();
}
