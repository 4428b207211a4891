import { Readable } from 'node:stream';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { idParams } from './conversations.schemas.js';
import { conversationFormDto, exportQuery, saveConversationFormBody } from './conversation-form.schemas.js';
import { getConversationForm } from './get-conversation-form.js';
import { saveConversationForm } from './save-conversation-form.js';
import { EXPORT_MAX_ROWS, exportConversations } from './export-conversations.js';
import { listFilters } from './list-conversations.js';

const tags = ['conversations'];

export function registerConversationFormRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/conversations/:id/form', {
    schema: { tags, summary: "The team form: the current team's fields and values, and what earlier teams filled", params: idParams, response: { 200: conversationFormDto } },
  }, async (req) => getConversationForm(withActor(ctx, requireActor(req)), req.params.id));

  app.put('/api/v1/conversations/:id/form', {
    schema: { tags, summary: 'Fill in the team form (whoever may reply); values merge into what is saved', params: idParams, body: saveConversationFormBody, response: { 200: conversationFormDto } },
  }, async (req) => saveConversationForm(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.get('/api/v1/conversations/export.csv', {
    schema: { tags, summary: `The inbox's result as CSV (its filters and access rule, up to ${EXPORT_MAX_ROWS} rows), with the team forms' values`, querystring: exportQuery },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const { lang, delimiter, ...query } = req.query;
    const file = await exportConversations(withActor(ctx, actor), listFilters(query, actor), { lang, delimiter: delimiter === 'semicolon' ? ';' : ',' });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(file.lines));
  });
}
