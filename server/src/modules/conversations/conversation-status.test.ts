import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, type ConversationStatus } from './conversation-status.js';

const all: ConversationStatus[] = ['bot', 'queued', 'open', 'snoozed', 'closed'];
const allowed: Array<[ConversationStatus, ConversationStatus]> = [
  ['bot', 'queued'], ['bot', 'open'], ['bot', 'closed'],
  ['queued', 'open'], ['queued', 'bot'], ['queued', 'snoozed'], ['queued', 'closed'],
  ['open', 'queued'], ['open', 'snoozed'], ['open', 'closed'], ['open', 'bot'],
  ['snoozed', 'open'], ['snoozed', 'queued'], ['snoozed', 'closed'], ['snoozed', 'bot'],
  ['closed', 'open'], ['closed', 'queued'], ['closed', 'bot'],
];

describe('conversation status machine', () => {
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) expect(assertTransition(from, to)).toBe(to);
    else expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition' }));
  });
});
