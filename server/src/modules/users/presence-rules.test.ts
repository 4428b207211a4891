import { describe, expect, it } from 'vitest';
import { afterHeartbeat, chosen, type Presence } from './presence-rules.js';

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

  it('choosing online hands the status back to presence; the others are held', () => {
    expect(chosen('online')).toEqual(p('online', 'auto'));
    expect(chosen('busy')).toEqual(p('busy', 'user'));
    expect(chosen('away')).toEqual(p('away', 'user'));
    expect(chosen('offline')).toEqual(p('offline', 'user'));
  });
});
