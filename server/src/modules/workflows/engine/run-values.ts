import type { AppContext } from '../../../platform/context.js';
import type { TemplateVars } from '../definition/render-template.js';
import type { RunState } from './engine-types.js';
import { findRunScope, type RunScope } from './run-values.repo.js';

/**
 * What a run's texts, URLs, bodies and conditions read, fresh before each step:
 * - contact: built-in fields, `lifecycle`, `tags` and custom fields as `fields`;
 * - conversation: id, status, priority, tags, `channel` (its type: whatsapp, webchat …), channelId, channelName,
 *   teamId, `team` (its name), assigneeId, `assignee` (their name), botActive;
 * - agent (the assignee: name, email), team (name), workspace (name, timezone), and the run's vars.
 * Conditions (conditions.ts) read the conversation's tags, channel and team from here.
 */
export async function runValues(ctx: AppContext, run: RunState): Promise<TemplateVars> {
  return valuesOf(await findRunScope(ctx.db, run), run.vars);
}

export function valuesOf(scope: RunScope | undefined, vars: Record<string, unknown>): TemplateVars {
  const c = scope?.conversation;
  const contact = scope?.contact;
  // Wider than TemplateVars' workspace: `{{workspace.timezone}}` renders, and conditions read it.
  const workspace = scope ? { name: scope.workspace.name, timezone: scope.workspace.timezone } : null;
  return {
    contact: contact ? {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      documentNumber: contact.documentNumber,
      language: contact.language,
      lifecycle: contact.lifecycleStage,
      tags: contact.tags,
      fields: contact.customFields,
    } : null,
    conversation: c ? {
      id: c.id,
      status: c.status,
      priority: c.priority,
      tags: c.tags,
      botActive: c.botActive,
      channel: scope?.channel?.type ?? null,
      channelId: c.channelId,
      channelName: scope?.channel?.name ?? null,
      teamId: c.teamId,
      team: scope?.team?.name ?? null,
      assigneeId: c.assigneeId,
      assignee: scope?.agent?.name ?? null,
    } : null,
    agent: scope?.agent ? { name: scope.agent.name, email: scope.agent.email } : null,
    team: scope?.team ? { name: scope.team.name } : null,
    workspace,
    vars,
  };
}
