import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { idParams } from './conversations.schemas.js';
import { transcriptAccepted, transcriptBody } from './transcript.schemas.js';
import { sendTranscript } from './send-transcript.js';

export function registerTranscriptRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/conversations/:id/transcript', {
    schema: {
      tags: ['conversations'],
      summary: 'E-mail the conversation\'s transcript (messages only, no notes) to the contact, or to the address given',
      params: idParams, body: transcriptBody, response: { 202: transcriptAccepted },
    },
  }, async (req, reply) => reply.status(202).send(await sendTranscript(withActor(ctx, requireActor(req)), req.params.id, req.body ?? {})));
}
