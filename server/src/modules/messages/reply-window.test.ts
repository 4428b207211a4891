import { describe, expect, it } from 'vitest';
import { replyWindowEndsAt, replyWindowState } from './reply-window.js';

const HOUR = 3_600_000;
const last = new Date('2026-03-02T15:00:00Z');
const at = (hours: number) => new Date(last.getTime() + hours * HOUR);
const whatsapp = { durationMs: 24 * HOUR };
const messenger = { durationMs: 24 * HOUR, tag: 'HUMAN_AGENT', tagDurationMs: 7 * 24 * HOUR };

describe('reply window', () => {
  it('no window: always open, nothing ends', () => {
    expect(replyWindowState({ durationMs: null }, null, at(1000))).toEqual({ open: true });
    expect(replyWindowEndsAt({ durationMs: null }, last)).toBeNull();
  });

  it('WhatsApp: open for 24 hours after the customer\'s last message, then closed (templates only)', () => {
    expect(replyWindowState(whatsapp, last, at(24))).toEqual({ open: true });
    expect(replyWindowState(whatsapp, last, new Date(at(24).getTime() + 1))).toEqual({ open: false, endedAt: at(24) });
    expect(replyWindowEndsAt(whatsapp, last)).toEqual(at(24));
  });

  it('a conversation the customer never wrote in has no open window', () => {
    expect(replyWindowState(whatsapp, null, at(0))).toEqual({ open: false, endedAt: null });
    expect(replyWindowEndsAt(whatsapp, null, last)).toEqual(last);
  });

  it('with a tagged extension (Messenger\'s HUMAN_AGENT): past 24 hours the reply carries the tag, until 7 days', () => {
    expect(replyWindowState(messenger, last, at(23))).toEqual({ open: true });
    expect(replyWindowState(messenger, last, at(25))).toEqual({ open: true, tag: 'HUMAN_AGENT' });
    expect(replyWindowState(messenger, last, at(7 * 24 + 1))).toEqual({ open: false, endedAt: at(7 * 24) });
    expect(replyWindowEndsAt(messenger, last)).toEqual(at(7 * 24));
  });
});
