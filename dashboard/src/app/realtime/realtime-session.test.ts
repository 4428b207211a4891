import { describe, expect, it } from 'vitest';
import { type RealtimeEvent, RealtimeSession } from './realtime-session';

const event = (id: number, type = 'conversation.updated'): RealtimeEvent => ({
  id,
  type,
  conversationId: 7,
  teamId: null,
  assigneeId: null,
  actor: { type: 'user', id: 1 },
  payload: {},
  createdAt: '2025-01-01T00:00:00.000Z',
});
const frame = (id: number) => JSON.stringify({ type: 'event', event: event(id) });
const delivered = (session: RealtimeSession, frames: unknown[]) =>
  frames.flatMap((f) => session.receive(f)).flatMap((a) => (a.kind === 'event' ? [a.event.id] : []));

const fixedBackoff = { baseMs: 500, maxMs: 30_000, random: () => 1 };

describe('RealtimeSession', () => {
  it('subscribes without an id the first time, then takes the id ready announces', () => {
    const s = new RealtimeSession(['workspace', 'user:3']);
    expect(s.subscribeFrame()).toEqual({ type: 'subscribe', topics: ['workspace', 'user:3'] });
    expect(s.receive({ type: 'ready', lastEventId: 41 })).toEqual([{ kind: 'live', resumed: false }]);
    expect(s.status).toBe('live');
    expect(s.subscribeFrame()).toEqual({ type: 'subscribe', topics: ['workspace', 'user:3'], lastEventId: 41 });
  });

  it('hands typing frames on as typing signals and leaves the last event id alone (they are not in the log)', () => {
    const s = new RealtimeSession(['workspace']);
    s.receive(JSON.stringify({ type: 'ready', lastEventId: 40 }));
    const signal = { conversationId: 7, from: 'contact', userId: null, name: 'Lucía', typing: true };
    expect(s.receive(JSON.stringify({ type: 'typing', ...signal }))).toEqual([{ kind: 'typing', signal }]);
    expect(s.lastEventId).toBe(40);
  });

  it('delivers events in order, remembers the newest and resumes from it after a drop', () => {
    const s = new RealtimeSession(['workspace'], fixedBackoff);
    s.receive({ type: 'ready', lastEventId: 10 });
    expect(delivered(s, [frame(11), frame(12), frame(13)])).toEqual([11, 12, 13]);
    s.closed();
    expect(s.status).toBe('offline');
    expect(s.subscribeFrame()).toEqual({ type: 'subscribe', topics: ['workspace'], lastEventId: 13 });
    s.connecting();
    // The replay of the new socket overlaps what we already had, then continues: no duplicate, no gap.
    expect(delivered(s, [frame(12), frame(13), frame(14), frame(15)])).toEqual([14, 15]);
    expect(s.receive({ type: 'ready', lastEventId: 15 })).toEqual([{ kind: 'live', resumed: true }]);
    expect(delivered(s, [frame(15), frame(16)])).toEqual([16]);
    expect(s.lastEventId).toBe(16);
  });

  it('ignores events at or below the id ready announced on a fresh start', () => {
    const s = new RealtimeSession(['workspace']);
    s.receive({ type: 'ready', lastEventId: 100 });
    expect(delivered(s, [frame(99), frame(100), frame(101)])).toEqual([101]);
  });

  it('a ready behind what was delivered does not move the id back', () => {
    const s = new RealtimeSession(['workspace']);
    s.receive({ type: 'ready', lastEventId: 5 });
    delivered(s, [frame(6), frame(7)]);
    s.receive({ type: 'ready', lastEventId: 6 });
    expect(s.lastEventId).toBe(7);
  });

  it('on reset forgets its id, so events of a restored log (lower ids) are not dropped', () => {
    const s = new RealtimeSession(['workspace']);
    s.receive({ type: 'ready', lastEventId: 500 });
    s.closed();
    expect(s.receive({ type: 'reset', reason: 'unknown_event_id' })).toEqual([{ kind: 'reset', reason: 'unknown_event_id' }]);
    expect(s.lastEventId).toBeNull();
    s.receive({ type: 'ready', lastEventId: 20 });
    expect(s.lastEventId).toBe(20);
    expect(delivered(s, [frame(21)])).toEqual([21]);
  });

  it('ignores pongs, errors, unknown and malformed frames', () => {
    const s = new RealtimeSession(['workspace']);
    expect(s.receive('{"type":"pong"}')).toEqual([]);
    expect(s.receive({ type: 'error', code: 'forbidden', message: 'no' })).toEqual([]);
    expect(s.receive('not json')).toEqual([]);
    expect(s.receive({ type: 'event', event: { id: 'x' } })).toEqual([]);
    expect(s.receive({ type: 'ready' })).toEqual([]);
    expect(s.receive(null)).toEqual([]);
    expect(s.lastEventId).toBeNull();
  });

  it('backs off exponentially up to the cap, with jitter, and starts over once live', () => {
    const s = new RealtimeSession(['workspace'], fixedBackoff);
    expect([s.closed(), s.closed(), s.closed(), s.closed()]).toEqual([500, 1000, 2000, 4000]);
    for (let i = 0; i < 10; i++) s.closed();
    expect(s.closed()).toBe(30_000);
    s.receive({ type: 'ready', lastEventId: 1 });
    expect(s.closed()).toBe(500);
    const jittered = new RealtimeSession(['workspace'], { ...fixedBackoff, random: () => 0 });
    expect(jittered.closed()).toBe(250);
  });
});
