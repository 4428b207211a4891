import { describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../context.js';
import type { EventRow } from './event-types.js';
import { WorkspaceFacts } from './workspace-facts.js';

const event = (workspaceId: number, type: string) => ({ id: 1, workspaceId, type }) as EventRow;

function facts(ttlMs?: number) {
  const stored = new Map<number, string>([[1, 'v1'], [2, 'v2']]);
  const load = vi.fn(async (_ctx: AppContext, ids: number[]) => new Map(ids.filter((id) => stored.has(id)).map((id) => [id, stored.get(id)!])));
  const cache = new WorkspaceFacts<string>({ changedBy: (e) => e.type.startsWith('setting.'), load, none: 'none', ttlMs });
  return { stored, load, cache };
}

describe('WorkspaceFacts', () => {
  it('reads each workspace once, then answers from memory; a workspace with nothing stored gets `none`', async () => {
    const { load, cache } = facts();
    const ctx = {} as AppContext;
    expect(await cache.of(ctx, [], [1, 2, 3, 1])).toEqual(new Map([[1, 'v1'], [2, 'v2'], [3, 'none']]));
    expect(await cache.of(ctx, [], [2, 3])).toEqual(new Map([[2, 'v2'], [3, 'none']]));
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0][1]).toEqual([1, 2, 3]);
  });

  it("reads a workspace again after an event that may change it passes, and only that workspace", async () => {
    const { stored, load, cache } = facts();
    const ctx = {} as AppContext;
    await cache.of(ctx, [], [1, 2]);
    stored.set(1, 'changed');
    stored.set(2, 'changed unseen');
    expect(await cache.of(ctx, [event(1, 'other.thing')], [1])).toEqual(new Map([[1, 'v1']]));
    expect(await cache.of(ctx, [event(1, 'setting.updated')], [1, 2])).toEqual(new Map([[1, 'changed'], [2, 'v2']]));
    expect(load).toHaveBeenCalledTimes(2);
    expect(load.mock.calls[1][1]).toEqual([1]);
  });

  it('forgets after its time to live, and keeps each app context apart', async () => {
    vi.useFakeTimers();
    try {
      const { stored, load, cache } = facts(1000);
      const a = {} as AppContext;
      const b = {} as AppContext;
      await cache.of(a, [], [1]);
      stored.set(1, 'later');
      expect(await cache.of(b, [], [1])).toEqual(new Map([[1, 'later']]));
      expect(await cache.of(a, [], [1])).toEqual(new Map([[1, 'v1']]));
      vi.advanceTimersByTime(1001);
      expect(await cache.of(a, [], [1])).toEqual(new Map([[1, 'later']]));
      expect(load).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
