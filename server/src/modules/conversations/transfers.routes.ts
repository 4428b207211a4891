import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { idParams } from './conversations.schemas.js';
import { transferList } from './transfers.schemas.js';
import { listTransfers } from './list-transfers.js';

export function registerTransferRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/conversations/:id/transfers', {
    schema: { tags: ['conversations'], summary: 'The transfers of a conversation: from, to, by whom, when and why (oldest first)', params: idParams, response: { 200: transferList } },
  }, async (req) => listTransfers(withActor(ctx, requireActor(req)), req.params.id));
}
