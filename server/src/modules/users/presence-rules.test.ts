import { describe, expect, it } from 'vitest';
import { afterHeartbeat, chosen, idleSinceAfter, idleTooLong, type Presence } from './presence-rules.js';

const p = (status: Presence['status'], source: Presence['source']): Presence => ({ status, source });

describe('presence rules', () => {
  it('an automatic status follows the heartbeats: idle is away, active is online', () => {
    expect(afterHeartbeat(p('online', 'auto'), true)).toEqual(p('away', 'auto'));
    expect(afterHeartbeat(p('away', 'auto'), false)).toEqual(p('online', 'auto'));
    expect(afterHeartbeat(p('offline', 'auto'), false)).toEqual(p('online', 'auto'));
    expect(afterHeartbeat(p('offline', 'auto'), true)).toEqual(p('away', 'auto'));
  });

  it('a chosen status holds whatever the heartbeats say', () => {
    for (const status of ['away', 'busy', 'offline'] as const) {
      expect(afterHeartbeat(p(status, 'user'), false)).toEqual(p(status, 'user'));
      expect(afterHeartbeat(p(status, 'user'), true)).toEqual(p(status, 'user'));
    }
  });

  it('idle for too long is offline, and stays offline while idle; activity brings the member back online', () => {
    expect(afterHeartbeat(p('away', 'auto'), true, true)).toEqual(p('offline', 'auto'));
    expect(afterHeartbeat(p('offline', 'auto'), true, true)).toEqual(p('offline', 'auto'));
    expect(afterHeartbeat(p('offline', 'auto'), false, true)).toEqual(p('online', 'auto'));
    expect(afterHeartbeat(p('away', 'auto'), true, false)).toEqual(p('away', 'auto'));
    // A chosen status is never turned offline by idleness.
    expect(afterHeartbeat(p('away', 'user'), true, true)).toEqual(p('away', 'user'));
    expect(afterHeartbeat(p('busy', 'user'), true, true)).toEqual(p('busy', 'user'));
  });

  it('the idle clock starts at the first idle heartbeat, keeps its start while idle and stops on activity', () => {
    const t0 = new Date('2025-03-10T09:00:00Z');
    const t1 = new Date('2025-03-10T09:00:30Z');
    expect(idleSinceAfter(null, true, t0)).toEqual(t0);
    expect(idleSinceAfter(t0, true, t1)).toEqual(t0);
    expect(idleSinceAfter(t0, false, t1)).toBeNull();
    expect(idleSinceAfter(null, false, t1)).toBeNull();
  });

  it('auto-offline counts the workspace minutes from the idle start, to the minute', () => {
    const since = new Date('2025-03-10T09:00:00Z');
    const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);
    expect(idleTooLong(since, at(29.99), 30)).toBe(false);
    expect(idleTooLong(since, at(30), 30)).toBe(true);
    expect(idleTooLong(since, at(2), 1)).toBe(true);
    expect(idleTooLong(null, at(1000), 30)).toBe(false);
  });

  it('choosing online hands the status back to presence; the others are held', () => {
    expect(chosen('online')).toEqual(p('online', 'auto'));
    expect(chosen('busy')).toEqual(p('busy', 'user'));
    expect(chosen('away')).toEqual(p('away', 'user'));
    expect(chosen('offline')).toEqual(p('offline', 'user'));
  });
});
