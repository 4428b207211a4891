import type { AppContext } from '../context.js';
import type { EventRow } from './event-types.js';

/** Longer than nothing, well under a subscriber's lease (15 s): see below. */
const DEFAULT_TTL_MS = 5_000;

/**
 * What a subscriber knows of each workspace's settings between batches (has it business hours, which workflows are
 * published): read once, then kept until an event of the workspace that may change it passes through the subscriber.
 * The subscriber sees the log in order, so the facts are never older than the events it handles; `ttlMs` bounds the
 * one gap, a time another node held the subscriber's lease (it changes hands only after running out). Kept per app
 * context: a process may run several apps (tests do), and subscribers are shared.
 */
export class WorkspaceFacts<T> {
  private byContext = new WeakMap<AppContext, Map<number, { value: T; until: number }>>();

  constructor(
    private readonly opts: {
      /** Events after which a workspace's facts are read again. */
      changedBy: (e: EventRow) => boolean;
      /** The facts of these workspaces; one absent from the map gets `none`. */
      load: (ctx: AppContext, workspaceIds: number[]) => Promise<Map<number, T>>;
      none: T;
      ttlMs?: number;
    },
  ) {}

  /** The facts of these workspaces, after the changes `events` (the subscriber's batch) carry. */
  async of(ctx: AppContext, events: EventRow[], workspaceIds: number[]): Promise<Map<number, T>> {
    let known = this.byContext.get(ctx);
    if (!known) this.byContext.set(ctx, (known = new Map()));
    for (const e of events) if (this.opts.changedBy(e)) known.delete(e.workspaceId);
    const now = Date.now();
    const missing = [...new Set(workspaceIds)].filter((id) => !((known.get(id)?.until ?? 0) > now));
    if (missing.length) {
      const loaded = await this.opts.load(ctx, missing);
      for (const id of missing) known.set(id, { value: loaded.get(id) ?? this.opts.none, until: now + (this.opts.ttlMs ?? DEFAULT_TTL_MS) });
    }
    return new Map(workspaceIds.map((id) => [id, known.get(id)!.value]));
  }
}
