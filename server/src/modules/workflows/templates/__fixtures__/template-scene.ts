import { expect } from 'vitest';
import type { TestApp } from '../../../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../../../test/channel-fixtures.js';
import { runsOf, runView } from '../../../../../test/workflow-fixtures.js';
import type { ManualClock } from '../../../../platform/clock.js';
import { wakeRunJob } from '../../workflows.subscriber.js';
import { runDueJobs } from '../../../../../test/due-jobs.js';
import { WAKE_RUN } from '../../engine/workflow-jobs.js';

export const MINUTE = 60_000;
/** A Wednesday, 15:00 in Caracas (UTC-4): in the future of the real clock, so pg-boss leaves the run timers to the test. */
export const WEDNESDAY_AFTERNOON = new Date('2026-11-25T19:00:00Z');
export const WORKSPACE_NAME = 'Academia Andina';
/** Monday to Friday, 09:00 to 18:00 in Caracas. */
export const OFFICE_HOURS = {
  timezone: 'America/Caracas',
  days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
  holidays: [],
  awayMessage: '',
};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Entry = { kind: string; direction: string | null; body: string; meta: Record<string, any> };
type Run = { id: number; status: string; conversationId: number | null; cursor?: { waiting?: { until: string | null } } | null };
export type Conversation = { id: number; status: string; botActive: boolean; assignee: { id: number } | null; team: { id: number } | null; tags: string[]; contact: { id: number } };

/** What the editor asks for before a template can be published: the empty team and agent choices, the CRM's address and key. */
export interface TemplateSettings {
  /** Filled into the empty team choices in the order the definition holds them. */
  teamIds?: number[];
  userId?: number;
  crm?: { url: string; key: string };
}

function fillSettings(definition: unknown, settings: TemplateSettings): unknown {
  const teamIds = [...(settings.teamIds ?? [])];
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = fill(v);
    if (out.teamId === null && teamIds.length) out.teamId = teamIds.shift();
    if (out.userId === null && settings.userId) out.userId = settings.userId;
    if (out.type === 'http_request' && settings.crm) {
      out.url = settings.crm.url;
      out.headers = (out.headers as { name: string }[]).map((h) => (h.name === 'Authorization' ? { ...h, value: `Bearer ${settings.crm!.key}` } : h));
    }
    return out;
  };
  const filled = fill(definition);
  expect(teamIds, 'every team given has an empty choice to fill').toEqual([]);
  return filled;
}

let customers = 0;

/**
 * A template's scenario through the API: a workspace, its team and agents, an API channel customers write to, the
 * workflow made from the template and published, and what the customer, the conversation and the run log show.
 */
export function templateScene(t: () => TestApp, clock: ManualClock) {
  /** Timer jobs this scene already fired (they stay 'created' in pg-boss, which never saw them; ids repeat across databases). */
  const fired = new Set<string>();
  const http = (s: Pick<Session, 'headers'>, method: Method, url: string, payload?: unknown) =>
    t().server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Pick<Session, 'headers'>, method: Method, url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  /** A run that waits with a deadline has its timer in the queue (it is sent just after the run is saved as waiting). */
  const timerQueued = async (run: Run) => {
    const until = run.cursor?.waiting?.until;
    if (run.status !== 'waiting' || !until) return true;
    const { rows } = await t().ctx.database.executeSql(`SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2`, [WAKE_RUN, String(run.id)]);
    return (rows as { start_after: string | Date }[]).some((r) => new Date(r.start_after).getTime() === new Date(until).getTime());
  };
  const timeline = async (s: Session, conversationId: number): Promise<Entry[]> =>
    (await ok(s, 'GET', `/api/v1/conversations/${conversationId}/messages?limit=200`)).items;

  const scene = {
    ok,
    http,

    async workspace() {
      const { owner } = await createWorkspace(t(), { name: WORKSPACE_NAME });
      return owner;
    },
    agent: (owner: Session, name: string) => createMember(t(), owner, { role: 'agent', accessLevel: 'team', name }),
    team: (owner: Session, name: string, members: Session[] = []) => createTeam(t(), owner, name, members.map((m) => m.userId)),
    channel: (owner: Session, opts: { defaultTeamId?: number; botEnabled?: boolean } = {}) => createApiChannel(t(), owner, opts),
    online: (...agents: Session[]) => Promise.all(agents.map((a) => ok(a, 'POST', '/api/v1/presence/heartbeat', { idle: false }))),
    offline: (...agents: Session[]) => Promise.all(agents.map((a) => ok(a, 'PUT', '/api/v1/profile/status', { status: 'offline' }))),

    /** Created from the template in Spanish, its settings filled through PATCH, then published. */
    async fromTemplate(owner: Session, templateId: string, settings: TemplateSettings = {}): Promise<number> {
      const created = await http(owner, 'POST', '/api/v1/workflows', { templateId, lang: 'es' });
      expect(created.statusCode, created.body).toBe(201);
      const { id, draft } = created.json();
      const patched = await ok(owner, 'PATCH', `/api/v1/workflows/${id}`, { definition: fillSettings(draft, settings) });
      expect(patched.problems, `${templateId} is ready to publish`).toEqual([]);
      await ok(owner, 'POST', `/api/v1/workflows/${id}/publish`);
      return id;
    },

    /** A customer writes on the channel (the same `who` is the same contact); the conversation it lands in. */
    async writes(channel: ApiChannel, text: string, who?: string): Promise<number> {
      customers += 1;
      const res = await postInbound(t(), channel, inboundMessage(`tpl-${customers}`, who ?? `tpl-customer-${customers}`, text, 'Ana Díaz'));
      expect(res.statusCode, res.body).toBe(200);
      return res.json().conversationId;
    },
    /** The customer taps a button of the last message. */
    async taps(channel: ApiChannel, who: string, payload: string, title: string): Promise<number> {
      customers += 1;
      const res = await postInbound(t(), channel, { type: 'interactive_reply', externalId: `tpl-${customers}`, contact: { externalId: who }, payload, title });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().conversationId;
    },

    /** What the customer received in the conversation, in order. */
    sent: async (s: Session, conversationId: number) =>
      (await timeline(s, conversationId)).filter((m) => m.kind === 'message' && m.direction === 'outbound').map((m) => m.body),
    buttonsOfLast: async (s: Session, conversationId: number) =>
      ((await timeline(s, conversationId)).filter((m) => m.kind === 'message' && m.direction === 'outbound').at(-1)?.meta.buttons ?? []) as { id: string; title: string }[],
    notes: async (s: Session, conversationId: number) => (await timeline(s, conversationId)).filter((m) => m.kind === 'note').map((m) => m.body),
    conversation: (s: Session, id: number): Promise<Conversation> => ok(s, 'GET', `/api/v1/conversations/${id}`),
    contact: (s: Session, id: number) => ok(s, 'GET', `/api/v1/contacts/${id}`),
    contactOf: async (s: Session, conversationId: number): Promise<number> => (await scene.conversation(s, conversationId)).contact.id,

    runs: (owner: Session, workflowId: number) => runsOf(t(), owner, workflowId),
    /**
     * The workflow's runs of one conversation (null: runs without one), oldest first, once there are `count` and none
     * is still running: each is done, or waits with its timer (if any) queued.
     */
    async settledRuns(owner: Session, workflowId: number, conversationId: number | null, count = 1) {
      let runs: Run[] = [];
      await expect.poll(async () => {
        runs = (await runsOf(t(), owner, workflowId)).filter((r) => r.conversationId === conversationId).reverse();
        if (runs.length !== count || runs.some((r) => r.status === 'running')) return false;
        for (const r of runs) if (!(await timerQueued(r))) return false;
        return true;
      }, { timeout: 20_000 }).toBe(true);
      return runs;
    },
    /** The workflow's runs of one conversation once every one of them has finished (woken runs take a moment). */
    async finishedRuns(owner: Session, workflowId: number, conversationId: number | null, count = 1) {
      let runs: Run[] = [];
      await expect.poll(async () => {
        runs = (await runsOf(t(), owner, workflowId)).filter((r) => r.conversationId === conversationId).reverse();
        return runs.length === count && runs.every((r) => r.status !== 'running' && r.status !== 'waiting');
      }, { timeout: 20_000 }).toBe(true);
      return runs;
    },
    /** A run's status and its log as [step id, outcome] pairs, once it is not in the middle of a step. */
    async log(owner: Session, runId: number) {
      let run = await runView(t(), owner, runId);
      await expect.poll(async () => (run = await runView(t(), owner, runId)).status, { timeout: 20_000 }).not.toBe('running');
      return { status: run.status, error: run.error, steps: run.steps.map((s) => [s.stepId, s.outcome]), detail: run.steps.map((s) => s.detail), vars: run.vars };
    },

    /** Moves the clock and fires the run timers now due, as pg-boss would when their time comes. */
    async advance(ms: number) {
      clock.advance(ms);
      return runDueJobs(t(), clock, wakeRunJob, fired);
    },
  };
  return scene;
}

export type TemplateScene = ReturnType<typeof templateScene>;
