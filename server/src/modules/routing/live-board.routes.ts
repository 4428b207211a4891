import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { liveBoardDto } from './live-board.schemas.js';
import { getLiveBoard } from './get-live-board.js';

export function registerLiveBoardRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/routing/board', {
    schema: {
      tags: ['routing'],
      summary: 'The live board: each team\'s queue and each member\'s status and load (supervisors and up)',
      response: { 200: liveBoardDto },
    },
  }, async (req) => getLiveBoard(withActor(ctx, requireActor(req))));
}
