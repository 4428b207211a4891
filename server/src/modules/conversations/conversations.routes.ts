import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { assignBody, botBody, closeBody, handoffBody, conversationPage, conversationSchema, countsSchema, idParams, listQuery, priorityBody, snoozeBody, tagsBody } from './conversations.schemas.js';
import { getConversation, listConversationsUseCase, listFilters } from './list-conversations.js';
import { takeConversation } from './take-conversation.js';
import { returnConversation } from './return-conversation.js';
import { assignConversation } from './assign-conversation.js';
import { snoozeConversation } from './snooze-conversation.js';
import { closeConversation } from './close-conversation.js';
import { reopenConversation } from './reopen-conversation.js';
import { setConversationBot } from './set-conversation-bot.js';
import { handOffConversation } from '../bots/hand-off.js';
import { setConversationPriority } from './update-conversation.js';
import { tagConversation } from './tag-conversation.js';
import { countConversations } from './count-conversations.js';
import { markConversationRead } from './mark-conversation-read.js';

const tags = ['conversations'];
const one = { 200: conversationSchema };

export function registerConversationRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/conversations', { schema: { tags, summary: 'List conversations (the inbox)', querystring: listQuery, response: { 200: conversationPage } } }, async (req) => {
    const actor = requireActor(req);
    const { cursor, limit, ...q } = req.query;
    return listConversationsUseCase(withActor(ctx, actor), listFilters(q, actor), { cursor, limit });
  });

  app.get('/api/v1/conversations/counts', { schema: { tags, summary: 'Counts for the inbox side bar, under my access level', response: { 200: countsSchema } } }, async (req) =>
    countConversations(withActor(ctx, requireActor(req))),
  );

  app.get('/api/v1/conversations/:id', { schema: { tags, summary: 'One conversation', params: idParams, response: one } }, async (req) =>
    getConversation(withActor(ctx, requireActor(req)), req.params.id),
  );

  const action = <B>(path: string, summary: string, body: B | undefined, run: (c: ReturnType<typeof withActor>, id: number, body: any) => Promise<unknown>) =>
    app.post(`/api/v1/conversations/:id/${path}`, { schema: { tags, summary, params: idParams, ...(body ? { body } : {}), response: one } as never }, async (req: any) =>
      run(withActor(ctx, requireActor(req)), req.params.id, req.body),
    );

  action('take', 'Take: assign to me and open', undefined, (c, id) => takeConversation(c, id));
  action('return', 'Return to the team queue', undefined, (c, id) => returnConversation(c, id));
  action('assign', 'Assign or transfer to an agent and/or a team', assignBody, (c, id, b) => assignConversation(c, id, b));
  action('snooze', 'Snooze until the next reply, tomorrow, next week or a time', snoozeBody, (c, id, b) =>
    snoozeConversation(c, id, b.kind === 'until' ? { kind: 'until', until: new Date(b.until) } : b),
  );
  action('close', 'Close, with an optional closing note', closeBody, (c, id, b) => closeConversation(c, id, b ?? {}));
  action('reopen', 'Reopen a closed conversation', undefined, (c, id) => reopenConversation(c, id));
  action('bot', 'Pause or resume the bot', botBody, (c, id, b) => setConversationBot(c, id, b.active));
  action('handoff', 'The bot hands the conversation to people (an external bot, with its own token)', handoffBody, (c, id, b) => handOffConversation(c, id, b ?? {}));
  action('priority', 'Change the priority', priorityBody, (c, id, b) => setConversationPriority(c, id, b.priority));
  action('tags', 'Add and remove tags', tagsBody, (c, id, b) => tagConversation(c, id, b));
  action('read', 'Mark read: unread count to 0, my mentions in it seen', undefined, (c, id) => markConversationRead(c, id));
}
