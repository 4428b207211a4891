import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationSummary } from './conversations.api';
import { flatten, insertConversation, type ListData, type Lookups, mergeFirstPage, replaceConversation, summaryOf, withSummary } from './list-cache';

/** Conversation `id` with its last activity `minute` minutes into the day (higher = newer). */
function conv(id: number, minute: number, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    status: 'open',
    priority: 'none',
    tags: [],
    botActive: false,
    contact: { id: 100 + id, name: `Contacto ${id}`, phone: null, email: null, documentNumber: null },
    channel: { id: 1, type: 'api', name: 'Tienda web' },
    team: null,
    assignee: null,
    snooze: null,
    closingNote: null,
    closedAt: null,
    firstReplyAt: null,
    lastInboundAt: null,
    lastActivityAt: new Date(Date.UTC(2025, 2, 10, 0, minute)).toISOString(),
    lastMessagePreview: `mensaje ${id}`,
    unreadCount: 0,
    createdAt: '2025-03-10T00:00:00.000Z',
    ...over,
  };
}

const pages = (...chunks: Array<[Conversation[], string | null]>): ListData => ({
  pages: chunks.map(([items, nextCursor]) => ({ items, nextCursor })),
  pageParams: chunks.map((_, i) => (i === 0 ? null : `c${i}`)),
});
const ids = (data: ListData) => data.pages.map((p) => p.items.map((c) => c.id));

const summary = (c: Conversation, over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: c.id,
  status: c.status,
  assigneeId: c.assignee?.id ?? null,
  teamId: c.team?.id ?? null,
  priority: c.priority,
  tags: c.tags,
  botActive: c.botActive,
  unreadCount: c.unreadCount,
  lastActivityAt: c.lastActivityAt,
  lastMessagePreview: c.lastMessagePreview,
  ...over,
});

const lookups: Lookups = {
  user: (id) => (id === 7 ? { id: 7, name: 'Ana', avatarUrl: null } : undefined),
  team: (id) => (id === 2 ? { id: 2, name: 'Ventas' } : undefined),
};

describe('the cached list', () => {
  const data = pages([[conv(6, 60), conv(5, 50), conv(4, 40)], 'c1'], [[conv(3, 30), conv(2, 20), conv(1, 10)], 'c2']);

  it('moves a conversation with new activity to the top, keeping page sizes and cursors', () => {
    const next = replaceConversation(data, 2, conv(2, 70, { lastMessagePreview: 'nuevo' }));
    expect(ids(next)).toEqual([
      [2, 6, 5],
      [4, 3, 1],
    ]);
    expect(next.pages.map((p) => p.nextCursor)).toEqual(['c1', 'c2']);
    expect(next.pageParams).toEqual(data.pageParams);
    expect(flatten(next)[0]!.lastMessagePreview).toBe('nuevo');
  });

  it('updates a card in place when nothing new happened in it', () => {
    const next = replaceConversation(data, 4, conv(4, 40, { unreadCount: 0, tags: ['vip'] }));
    expect(ids(next)).toEqual(ids(data));
    expect(flatten(next).find((c) => c.id === 4)!.tags).toEqual(['vip']);
  });

  it('removes a conversation that left the filter', () => {
    expect(ids(replaceConversation(data, 5, null))).toEqual([
      [6, 4, 3],
      [2, 1],
    ]);
  });

  it('ignores a conversation it does not hold', () => {
    expect(replaceConversation(data, 99, conv(99, 99))).toBe(data);
  });

  it('inserts within what is loaded, and leaves older ones to the next page', () => {
    expect(ids(insertConversation(data, conv(9, 45)))).toEqual([
      [6, 5, 9],
      [4, 3, 2, 1],
    ]);
    expect(insertConversation(data, conv(9, 5))).toBe(data);
    const complete = pages([[conv(2, 20)], null]);
    expect(ids(insertConversation(complete, conv(9, 5)))).toEqual([[2, 9]]);
  });

  it('merges a fresh first page: new ones appear, gone ones leave, later pages keep what lies after it', () => {
    const fresh = { items: [conv(8, 80), conv(6, 60), conv(4, 40)], nextCursor: 'n1' };
    // 5 no longer matches (absent from a page that covers its position); 8 is new.
    const merged = mergeFirstPage(data, fresh);
    expect(ids(merged)).toEqual([
      [8, 6, 4],
      [3, 2, 1],
    ]);
    expect(merged.pages.map((p) => p.nextCursor)).toEqual(['n1', 'c2']);
    expect(merged.pageParams).toEqual([null, 'c1']);
  });

  it('a first page pushed past items of page one keeps them for later pages, without duplicates', () => {
    const fresh = { items: [conv(9, 90), conv(8, 80), conv(6, 60)], nextCursor: 'n1' };
    const merged = mergeFirstPage(data, fresh);
    expect(flatten(merged).map((c) => c.id)).toEqual([9, 8, 6, 5, 4, 3, 2, 1]);
    expect(new Set(flatten(merged).map((c) => c.id)).size).toBe(8);
    expect(merged.pages.at(-1)!.nextCursor).toBe('c2');
  });

  it('with one page loaded, or a first page that is the whole list, the fresh page replaces everything', () => {
    const one = pages([[conv(3, 30), conv(2, 20)], 'c1']);
    expect(ids(mergeFirstPage(one, { items: [conv(4, 40), conv(3, 30)], nextCursor: 'n1' }))).toEqual([[4, 3]]);
    expect(ids(mergeFirstPage(data, { items: [conv(6, 60)], nextCursor: null }))).toEqual([[6]]);
  });
});

describe('withSummary', () => {
  it('takes every field the event carries', () => {
    const c = conv(1, 10, { unreadCount: 2 });
    const { conversation, complete } = withSummary(
      c,
      summary(c, { unreadCount: 0, priority: 'urgent', tags: ['vip'], botActive: true, lastMessagePreview: 'hola', lastActivityAt: conv(1, 30).lastActivityAt }),
      lookups,
    );
    expect(complete).toBe(true);
    expect(conversation).toMatchObject({ unreadCount: 0, priority: 'urgent', tags: ['vip'], botActive: true, lastMessagePreview: 'hola' });
    expect(conversation.contact).toBe(c.contact);
  });

  it('names the new assignee and team from what the page knows, and says when it does not know them', () => {
    const c = conv(1, 10);
    const known = withSummary(c, summary(c, { assigneeId: 7, teamId: 2 }), lookups);
    expect(known.complete).toBe(true);
    expect(known.conversation.assignee).toEqual({ id: 7, name: 'Ana', avatarUrl: null });
    expect(known.conversation.team).toEqual({ id: 2, name: 'Ventas' });
    expect(withSummary(c, summary(c, { assigneeId: 99 }), lookups).complete).toBe(false);
    const returned = withSummary(known.conversation, summary(c, { assigneeId: null, teamId: 2 }), lookups);
    expect(returned.conversation.assignee).toBeNull();
    expect(returned.complete).toBe(true);
  });

  it('asks for the whole conversation when it is snoozed or closed (the card needs more than the event says)', () => {
    const c = conv(1, 10);
    expect(withSummary(c, summary(c, { status: 'closed' }), lookups).complete).toBe(false);
    expect(withSummary(c, summary(c, { status: 'snoozed' }), lookups).complete).toBe(false);
    expect(withSummary(c, summary(c, { status: 'queued' }), lookups).complete).toBe(true);
  });

  it('reads the summary of an event payload, and nothing from other payloads', () => {
    const c = conv(3, 30);
    expect(summaryOf({ conversation: summary(c) })).toEqual(summary(c));
    expect(summaryOf({ messageId: 4 })).toBeNull();
    expect(summaryOf({ conversation: { id: 'x' } })).toBeNull();
  });
});
