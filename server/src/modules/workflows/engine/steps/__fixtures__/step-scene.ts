import { expect } from 'vitest';
import type { TestApp } from '../../../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../../../../test/channel-fixtures.js';
import { buildDefinition } from '../../../definition/__fixtures__/definitions.js';
import type { StepOf, StepType } from '../../../definition/workflow-definition.js';
import type { RunState, StepContext } from '../../engine-types.js';
import { runValues } from '../../run-values.js';

/** A workspace with an API channel and a customer who wrote: the conversation and contact a step acts on. */
export interface Scene {
  owner: Session;
  workspaceId: number;
  channel: ApiChannel;
  conversationId: number;
  contactId: number;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type TimelineEntry = { id: number; kind: string; direction: string | null; sender: { type: string; id: number | null }; body: string; meta: Record<string, any>; attachments: Array<{ filename: string; contentType: string; size: number }> };

let customers = 0;
/** Stands for the workflow whose steps act; only recorded on events and entries, so no row is needed. */
export const WORKFLOW_ID = 4242;

export function api(t: TestApp) {
  const ok = async (s: Session, method: Method, url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  return {
    ok,
    timeline: async (s: Session, id: number): Promise<TimelineEntry[]> => (await ok(s, 'GET', `/api/v1/conversations/${id}/messages?limit=200`)).items,
    conversation: (s: Session, id: number) => ok(s, 'GET', `/api/v1/conversations/${id}`),
    contact: (s: Session, id: number) => ok(s, 'GET', `/api/v1/contacts/${id}`),
  };
}

/** A customer writes on the channel; the conversation and contact their message made. */
export async function customerWrites(t: TestApp, s: Pick<Scene, 'owner' | 'channel'>, text = 'Hola', who?: string) {
  customers += 1;
  const res = await postInbound(t, s.channel, inboundMessage(`step-${customers}`, who ?? `step-customer-${customers}`, text, 'Ana Díaz'));
  expect(res.statusCode, res.body).toBe(200);
  const conversationId: number = res.json().conversationId;
  const contactId: number = (await api(t).conversation(s.owner, conversationId)).contact.id;
  return { conversationId, contactId };
}

export async function createScene(t: TestApp, opts: { defaultTeamId?: number; botEnabled?: boolean; owner?: Session; outboundUrl?: string } = {}): Promise<Scene> {
  const { owner, workspaceId } = opts.owner ? { owner: opts.owner, workspaceId: opts.owner.workspaceId } : await createWorkspace(t);
  const channel = await createApiChannel(t, owner, { defaultTeamId: opts.defaultTeamId, botEnabled: opts.botEnabled, outboundUrl: opts.outboundUrl });
  return { owner, workspaceId, channel, ...(await customerWrites(t, { owner, channel })) };
}

/** One step as the builder saves it, defaults filled by the schema. */
export function stepOf<T extends StepType>(raw: Record<string, unknown> & { type: T }): StepOf<T> {
  return buildDefinition([{ id: 's1', ...raw }]).steps[0] as StepOf<T>;
}

let runs = 0;

/** What the runtime hands a step: the run and its values read fresh, as advance-run does before each step. */
export async function stepContext(t: TestApp, s: Pick<Scene, 'workspaceId'> & { contactId: number | null; conversationId: number | null }, opts: { vars?: Record<string, unknown>; now?: Date } = {}): Promise<StepContext> {
  const run: RunState = { id: ++runs, workspaceId: s.workspaceId, workflowId: WORKFLOW_ID, version: 1, contactId: s.contactId, conversationId: s.conversationId, vars: opts.vars ?? {}, test: false };
  return { ctx: t.ctx, run, definition: buildDefinition([]), values: await runValues(t.ctx, run), now: opts.now ?? t.ctx.clock.now() };
}
