import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/platform/config/config.js';
import { closeAppContext, createAppContext, type AppContext } from '../../server/src/platform/context.js';
import { buildServer } from '../../server/src/server.js';
import { withActor } from '../../server/src/modules/use-case.js';
import { closeConversation } from '../../server/src/modules/conversations/close-conversation.js';
import { assignWaitingConversations } from '../../server/src/modules/routing/assign-waiting.js';
import { onInterrupt } from './cleanup.js';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import type { Driver } from './product.js';
import { percentile } from './stats.js';

export interface AssignmentFigures {
  /** Automatic assignments per second while the engine fills every free place from the 10,000 waiting. */
  initialPerSecond: number;
  /** The reference: one raw UPDATE per assignment (no capacity, events or timeline), same driver, same data. */
  referencePerSecond: number;
  /** Closes per second the churn phase achieved, and the assignments they caused. */
  churnClosesPerSecond: number;
  churnAssigned: number;
  /** From a close's commit to the assignment of the next waiting conversation. */
  p50Ms: number;
  p99Ms: number;
  /** Must be the capacity; more is an error. */
  mostOpenPerAgent: number;
}

const AGENTS = 500;
const WAITING = 10_000;
const CAPACITY = 5;

/**
 * The assignment benchmark (issue 5): 500 online agents in one round-robin team with room for 5 each, 10,000
 * conversations waiting. First the engine fills all 2,500 places; then agents close conversations at random
 * (`rate` per second) and the routing subscriber gives each freed place to the next in line. Runs the server's
 * own code in this process on a fresh database of the driver, with the dispatcher running as in `npm start`.
 */
export async function measureAssignment(driver: Driver, opts: { seconds: number; rate: number }): Promise<AssignmentFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-bench-assign-'));
  let dbName: string | null = null;
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', SECRET_KEY: crypto.randomBytes(32).toString('hex'), DASHBOARD_DIR: path.join(dataDir, 'none') };
  if (driver.kind === 'postgres') {
    dbName = uniqueDatabaseName('assign');
    env.DATABASE_URL = await createDatabase(driver.adminUrl, dbName);
  }
  const cleanup = async () => {
    if (dbName && driver.kind === 'postgres') await dropDatabase(driver.adminUrl, dbName);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const forget = onInterrupt(cleanup);
  const ctx = await createAppContext(loadConfig(env));
  const server = await buildServer(ctx);
  try {
    const reference = await seed(ctx, 'Referencia');
    const referencePerSecond = await referenceAssignments(ctx, reference);
    const bench = await seed(ctx, 'Asignación');

    const started = performance.now();
    const { assigned } = await assignWaitingConversations(ctx, bench.workspaceId);
    const initialPerSecond = assigned / ((performance.now() - started) / 1000);

    // Churn starts from a steady state: the subscribers (notifications, projections) have caught up with the 5,000 events.
    await dispatcherCaughtUp(ctx);
    const churn = await churnAtRate(ctx, bench, opts);
    const mostOpenPerAgent = await mostOpen(ctx, bench.workspaceId);
    return { initialPerSecond, referencePerSecond, ...churn, mostOpenPerAgent };
  } finally {
    await server.close();
    await closeAppContext(ctx);
    await cleanup();
    forget();
  }
}

interface Seeded {
  workspaceId: number;
  teamId: number;
}

/** A workspace with its agents online in one team, a channel, and the waiting conversations (oldest first). */
async function seed(ctx: AppContext, name: string): Promise<Seeded> {
  const q = (text: string, values: unknown[] = []) => ctx.database.executeSql(text, values);
  const workspaceId = Number((await q(`INSERT INTO workspaces (name) VALUES ($1) RETURNING id`, [name])).rows[0].id);
  const teamId = Number((await q(
    `INSERT INTO teams (workspace_id, name, assignment_policy, max_per_agent) VALUES ($1, 'Ventas', 'round_robin', $2) RETURNING id`, [workspaceId, CAPACITY],
  )).rows[0].id);
  await q(`INSERT INTO users (email, name) SELECT 'agente' || i || '-' || $1::bigint || '@bench.local', 'Agente ' || i FROM generate_series(1, $2::int) i`, [workspaceId, AGENTS]);
  await q(`INSERT INTO memberships (workspace_id, user_id, role, access_level, status, last_seen_at)
    SELECT $1, id, 'agent', 'team', 'online', now() FROM users WHERE email LIKE '%-' || $1::bigint || '@bench.local'`, [workspaceId]);
  await q(`INSERT INTO team_members (team_id, user_id, workspace_id) SELECT $2, user_id, $1 FROM memberships WHERE workspace_id = $1`, [workspaceId, teamId]);
  const channelId = Number((await q(`INSERT INTO channels (workspace_id, type, name, default_team_id) VALUES ($1, 'api', 'Bench', $2) RETURNING id`, [workspaceId, teamId])).rows[0].id);
  await q(`INSERT INTO contacts (workspace_id, name) SELECT $1, 'Cliente ' || i FROM generate_series(1, $2::int) i`, [workspaceId, WAITING]);
  await q(`INSERT INTO conversations (workspace_id, contact_id, channel_id, status, team_id, queued_at, last_activity_at)
    SELECT $1, id, $2, 'queued', $3, now() - make_interval(secs => ($4::int - row_number() OVER (ORDER BY id))::float8 / 1000), now()
    FROM contacts WHERE workspace_id = $1`, [workspaceId, channelId, teamId, WAITING]);
  return { workspaceId, teamId };
}

/** The same first 2,500 assignments, one raw UPDATE each, agents in turn: what a bare queue pop costs. */
async function referenceAssignments(ctx: AppContext, s: Seeded): Promise<number> {
  const agents = (await ctx.database.executeSql(`SELECT user_id FROM team_members WHERE team_id = $1 ORDER BY user_id`, [s.teamId])).rows.map((r) => Number(r.user_id));
  const started = performance.now();
  for (let i = 0; i < AGENTS * CAPACITY; i++) {
    await ctx.database.executeSql(
      `UPDATE conversations SET assignee_id = $1, status = 'open', assigned_at = now()
       WHERE id = (SELECT id FROM conversations WHERE workspace_id = $2 AND team_id = $3 AND status = 'queued' AND assignee_id IS NULL
                   ORDER BY priority DESC, queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      [agents[i % agents.length], s.workspaceId, s.teamId],
    );
  }
  return (AGENTS * CAPACITY) / ((performance.now() - started) / 1000);
}

/** Agents close open conversations at random at `rate` per second; each freed place should go to the next in line. */
async function churnAtRate(ctx: AppContext, s: Seeded, opts: { seconds: number; rate: number }) {
  const open = async () => (await ctx.database.executeSql(`SELECT id, assignee_id FROM conversations WHERE workspace_id = $1 AND status = 'open'`, [s.workspaceId])).rows
    .map((r) => ({ id: Number(r.id), assigneeId: Number(r.assignee_id) }));
  let pool = await open();
  const closedAt: number[] = [];
  const startedAt = new Date();
  const started = performance.now();
  const interval = 1000 / opts.rate;
  for (let i = 0; performance.now() - started < opts.seconds * 1000; i++) {
    const due = started + i * interval;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    if (i % 50 === 0) pool = await open();
    const pick = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
    if (!pick) continue;
    const agent = withActor(ctx, { type: 'user', workspaceId: s.workspaceId, userId: pick.assigneeId, role: 'agent', accessLevel: 'team', teamIds: [s.teamId] });
    await closeConversation(agent, pick.id, {});
    closedAt.push(Date.now());
  }
  const elapsed = (performance.now() - started) / 1000;
  // Every freed place is taken once the queue has caught up (it never runs dry: 7,500 wait).
  const until = Date.now() + 30_000;
  let assigned: number[] = [];
  while (Date.now() < until) {
    assigned = (await ctx.database.executeSql(
      `SELECT assigned_at FROM conversations WHERE workspace_id = $1 AND assigned_at > $2 ORDER BY assigned_at`, [s.workspaceId, startedAt],
    )).rows.map((r) => new Date(r.assigned_at).getTime());
    if (assigned.length >= closedAt.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Places are served in order, so the k-th assignment answers the k-th close.
  const latencies = closedAt.slice(0, assigned.length).map((at, k) => Math.max(0, assigned[k]! - at)).sort((a, b) => a - b);
  return { churnClosesPerSecond: closedAt.length / elapsed, churnAssigned: assigned.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function dispatcherCaughtUp(ctx: AppContext, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { rows } = await ctx.database.executeSql(`SELECT (SELECT coalesce(max(id), 0) FROM events) - (SELECT coalesce(min(last_event_id), 0) FROM subscriber_cursors) AS behind`);
    if (Number(rows[0].behind) <= 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the dispatcher did not catch up with the initial assignments');
}

async function mostOpen(ctx: AppContext, workspaceId: number): Promise<number> {
  const { rows } = await ctx.database.executeSql(
    `SELECT coalesce(max(n), 0)::int AS most FROM (SELECT count(*) AS n FROM conversations WHERE workspace_id = $1 AND status = 'open' GROUP BY assignee_id) x`, [workspaceId],
  );
  return Number(rows[0].most);
}
