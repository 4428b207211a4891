import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { botSummary, conversationIdParams, flagBody, listTurnsQuery, summaryQuery, turnDto, turnIdParams, turnPage, unmatchedList, unmatchedQuery } from './bot-review.schemas.js';
import { listBotTurns } from './list-bot-turns.js';
import { listConversationTurns } from './list-conversation-turns.js';
import { flagBotTurn } from './flag-bot-turn.js';
import { listUnmatchedQuestions } from './list-unmatched-questions.js';
import { getBotSummary } from './get-bot-summary.js';

const tags = ['bot review'];

/** Seed 000: supervisors check the bot's answers, mark the wrong ones, and see what it could not answer. */
export function registerBotReviewRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/bot-review/turns', {
    schema: { tags, summary: "The bot's answers, newest first (supervisors and up)", querystring: listTurnsQuery, response: { 200: turnPage } },
  }, async (req) => listBotTurns(withActor(ctx, requireActor(req)), req.query));

  app.get('/api/v1/conversations/:id/bot-turns', {
    schema: { tags, summary: 'How the bot answered each message of a conversation', params: conversationIdParams, response: { 200: turnPage } },
  }, async (req) => listConversationTurns(withActor(ctx, requireActor(req)), req.params.id));

  app.post('/api/v1/bot-review/turns/:id/flag', {
    schema: { tags, summary: 'Mark an answer of the bot wrong, with a note', params: turnIdParams, body: flagBody, response: { 200: turnDto } },
  }, async (req) => flagBotTurn(withActor(ctx, requireActor(req)), req.params.id, req.body.note));

  app.delete('/api/v1/bot-review/turns/:id/flag', {
    schema: { tags, summary: 'Take the mark back', params: turnIdParams, response: { 200: turnDto } },
  }, async (req) => flagBotTurn(withActor(ctx, requireActor(req)), req.params.id, null));

  app.get('/api/v1/bot-review/unmatched', {
    schema: { tags, summary: 'Questions the bot could not answer, most frequent first', querystring: unmatchedQuery, response: { 200: unmatchedList } },
  }, async (req) => listUnmatchedQuestions(withActor(ctx, requireActor(req)), req.query));

  app.get('/api/v1/bot-review/summary', {
    schema: { tags, summary: "The bot's answers, hand-offs and resolutions in a range", querystring: summaryQuery, response: { 200: botSummary } },
  }, async (req) => getBotSummary(withActor(ctx, requireActor(req)), req.query));
}
