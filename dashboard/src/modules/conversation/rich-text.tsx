import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkup, type MarkupNode } from './markup';

function render(nodes: MarkupNode[], prefix: string): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${prefix}${i}`;
    if (typeof node === 'string') return <Fragment key={key}>{node}</Fragment>;
    if (node.type === 'link') {
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
          {node.text}
        </a>
      );
    }
    const Tag = node.type;
    return <Tag key={key}>{render(node.children, `${key}.`)}</Tag>;
  });
}

/** Customer and agent text with chat markup: always text nodes and a few safe elements, never HTML. */
export function RichText({ text }: { text: string }) {
  const elements = useMemo(() => render(parseMarkup(text), ''), [text]);
  return <>{elements}</>;
}
