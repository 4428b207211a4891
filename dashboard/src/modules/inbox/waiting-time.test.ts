import { describe, expect, it } from 'vitest';
import { formatWaiting, waiting, waitingSince } from './waiting-time';

const units = { now: 'ahora', min: 'min', h: 'h', d: 'd' };
const at = Date.parse('2025-03-10T12:00:00Z');
const ago = (minutes: number) => new Date(at - minutes * 60_000).toISOString();
const label = (minutes: number) => formatWaiting(waiting(ago(minutes), at)!, units);

describe('waiting time', () => {
  it('counts from the last inbound message while the team has the conversation', () => {
    expect(waitingSince({ status: 'open', lastInboundAt: ago(5) })).toBe(ago(5));
    expect(waitingSince({ status: 'queued', lastInboundAt: ago(5) })).toBe(ago(5));
    for (const status of ['closed', 'snoozed', 'bot']) expect(waitingSince({ status, lastInboundAt: ago(5) })).toBeNull();
    expect(waitingSince({ status: 'open', lastInboundAt: null })).toBeNull();
  });

  it('reads in the largest two units', () => {
    expect(label(0)).toBe('ahora');
    expect(label(4)).toBe('4 min');
    expect(label(60)).toBe('1 h');
    expect(label(125)).toBe('2 h 5 min');
    expect(label(3 * 1440)).toBe('3 d');
    expect(label(3 * 1440 + 4 * 60 + 59)).toBe('3 d 4 h');
  });

  it('turns amber after 15 minutes and red after an hour', () => {
    expect(waiting(ago(14), at)!.level).toBe('fresh');
    expect(waiting(ago(15), at)!.level).toBe('warning');
    expect(waiting(ago(60), at)!.level).toBe('late');
  });

  it('never goes negative for a clock slightly behind the server', () => {
    expect(label(-2)).toBe('ahora');
    expect(waiting('not a date', at)).toBeNull();
  });
});
