import type { AppContext } from '../../platform/context.js';
import { ManualClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { getConversation } from '../conversations/list-conversations.js';
import { randomToken } from '../../platform/crypto/secret-box.js';
import { conflict } from '../../platform/http/errors.js';
import { withActor, type UseCaseContext } from '../use-case.js';
import { getSetupStatus, runSetup } from '../auth/run-setup.js';
import { actorForMember } from '../auth/actor.repo.js';
import { hashPassword } from '../auth/password.js';
import { insertUser } from '../users/users.repo.js';
import { insertMembership } from '../workspaces/workspaces.repo.js';
import { createTeam } from '../teams/create-team.js';
import { setTeamMembers } from '../teams/set-team-members.js';
import { createTag } from '../tags/create-tag.js';
import { createClosingCategory } from '../tags/create-closing-category.js';
import { createChannel } from '../channels/create-channel.js';
import { ingestInbound } from '../messages/ingest-inbound.js';
import { sendMessage } from '../messages/send-message.js';
import { addNote } from '../messages/add-note.js';
import { recordDelivery } from '../messages/record-delivery.js';
import { takeConversation } from '../conversations/take-conversation.js';
import { tagConversation } from '../conversations/tag-conversation.js';
import { setConversationPriority } from '../conversations/update-conversation.js';
import { snoozeConversation } from '../conversations/snooze-conversation.js';
import { closeConversation } from '../conversations/close-conversation.js';
import { assignConversation } from '../conversations/assign-conversation.js';
import { createSnippet } from '../snippets/create-snippet.js';
import { createBot } from '../bots/create-bot.js';
import { replaceIntents } from '../bots/replace-intents.js';
import { replaceIntentsBody } from '../bots/bots.schemas.js';
import { demoBot, demoIntents, demoSnippets } from './demo-bot.js';
import { demoAgents, demoClosingCategories, demoConversations, demoOwner, demoTags, demoTeams, demoWorkspace, type DemoConversation } from './demo-data.js';

/**
 * First run only: a living Spanish workspace (agents, two teams, the API channel, contacts and
 * conversations in every status), built through the same use cases the product uses.
 */
export async function loadDemo(ctx: AppContext) {
  if (!(await getSetupStatus(ctx)).needed) throw conflict('The demo can only be loaded into an empty installation');
  const password = `demo-${randomToken(6)}`;
  const setup = await runSetup(ctx, { workspaceName: demoWorkspace.name, name: demoOwner.name, email: demoOwner.email, password, language: 'es', timezone: demoWorkspace.timezone });
  const workspaceId = setup.session.workspace.id;
  const owner = withActor(ctx, (await actorForMember(ctx.db, workspaceId, setup.session.user!.id))!);

  const passwordHash = await hashPassword(password);
  const userIds = await inTransaction(ctx, async (tx, emit) => {
    const ids: Record<string, number> = {};
    for (const a of demoAgents) {
      const user = await insertUser(tx, { email: a.email, name: a.name, passwordHash, language: 'es' });
      await insertMembership(tx, { workspaceId, userId: user.id, role: a.role, accessLevel: a.accessLevel });
      emit({ workspaceId, type: 'user.joined', actor: { type: 'system' }, payload: { userId: user.id, name: a.name, role: a.role, accessLevel: a.accessLevel } });
      ids[a.key] = user.id;
    }
    return ids;
  });
  const teamIds: Record<string, number> = {};
  for (const t of demoTeams) {
    teamIds[t.key] = (await createTeam(owner, { name: t.name, description: t.description })).id;
    await setTeamMembers(owner, { id: teamIds[t.key], userIds: demoAgents.filter((a) => (a.teams as readonly string[]).includes(t.key)).map((a) => userIds[a.key]) });
  }
  for (const tag of demoTags) await createTag(owner, tag);
  for (const name of demoClosingCategories) await createClosingCategory(owner, { name });
  // Eva answers the channel (the demo's scripted conversations say themselves whether the bot has them).
  const { bot } = await createBot(owner, { name: demoBot.name, kind: 'builtin', settings: demoBot.settings });
  await replaceIntents(owner, bot.id, replaceIntentsBody.parse({ items: demoIntents }));
  const channel = await createChannel(owner, { type: 'api', name: 'API (demo)', config: { outboundUrl: 'https://demo.invalid/atiende-webhook' }, defaultTeamId: teamIds.ventas, botEnabled: true, botId: bot.id, active: true });
  // The team has the seeds' standard messages at hand.
  for (const snippet of demoSnippets) await createSnippet(owner, { ...snippet, scope: 'workspace' });

  const agentCtx = async (key: string, at: Date) => {
    const actor = (await actorForMember(ctx.db, workspaceId, userIds[key]))!;
    return withActor({ ...ctx, clock: new ManualClock(at) }, actor);
  };
  const now = ctx.clock.now().getTime();
  for (const [i, conv] of demoConversations.entries()) {
    await playConversation(ctx, conv, i, now, { workspaceId, channelId: channel.id, teamIds, userIds, agentCtx });
  }
  return { email: demoOwner.email, password, workspaceId, sessionToken: setup.token, otherUsers: demoAgents.map((a) => a.email) };
}

interface Env {
  workspaceId: number;
  channelId: number;
  teamIds: Record<string, number>;
  userIds: Record<string, number>;
  agentCtx: (key: string, at: Date) => Promise<UseCaseContext>;
}

async function playConversation(ctx: AppContext, conv: DemoConversation, index: number, now: number, env: Env) {
  const start = now - conv.hoursAgo * 3600_000 - conv.lines.length * 120_000;
  const at = (step: number) => new Date(start + step * 120_000);
  const route = { id: env.channelId, workspaceId: env.workspaceId, defaultTeamId: env.teamIds[conv.team], botEnabled: conv.end.kind === 'bot' };
  let conversationId = 0;
  for (const [step, line] of conv.lines.entries()) {
    if (line.from === 'customer') {
      const [r] = await ingestInbound({ ...ctx, clock: new ManualClock(at(step)) }, route, [
        { kind: 'message', externalId: `demo-${index}-${step}`, text: line.text, contact: { externalId: conv.customer.phone.replace('+', ''), name: conv.customer.name, phone: conv.customer.phone, email: conv.customer.email } },
      ]);
      if (r.kind === 'message') conversationId = r.conversationId;
      continue;
    }
    const agent = await env.agentCtx(line.agent!, at(step));
    if (line.from === 'note') {
      const mentions = Object.entries(env.userIds).filter(([key]) => line.text.includes(`@${demoAgentName(key)}`)).map(([, id]) => id);
      await addNote(agent, conversationId, { body: line.text, mentions });
    } else {
      const sent = await sendMessage(agent, conversationId, { body: line.text });
      await markReadHistorically(agent, sent.id);
    }
  }
  const end = conv.end;
  if (end.kind === 'queued' || end.kind === 'bot') return;
  const agent = await env.agentCtx(end.agent, at(conv.lines.length));
  const current = await getConversation(agent, conversationId);
  if (current.assignee?.id !== env.userIds[end.agent]) await takeConversation(agent, conversationId);
  if (end.kind === 'open') {
    if (end.tags) await tagConversation(agent, conversationId, { add: end.tags });
    if (end.priority) await setConversationPriority(agent, conversationId, end.priority);
  } else if (end.kind === 'snoozed') {
    await snoozeConversation(agent, conversationId, { kind: end.option });
  } else if (end.kind === 'transferred') {
    await assignConversation(agent, conversationId, { teamId: env.teamIds[end.toTeam], reason: end.reason });
  } else if (end.kind === 'closed') {
    if (end.tags) await tagConversation(agent, conversationId, { add: end.tags });
    await closeConversation(agent, conversationId, { category: end.category, summary: end.summary });
  }
}

const demoAgentName = (key: string) => demoAgents.find((a) => a.key === key)?.name ?? '';

/** The demo's history was delivered and read long ago; its replies are not sent anywhere now. */
async function markReadHistorically(ctx: UseCaseContext, messageId: number) {
  await recordDelivery(ctx, ctx.actor.workspaceId, messageId, 'sent', { externalId: `demo-reply-${messageId}` });
  await recordDelivery(ctx, ctx.actor.workspaceId, messageId, 'read');
}
