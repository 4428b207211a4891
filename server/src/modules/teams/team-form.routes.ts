import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { teamIdParams } from './teams.schemas.js';
import { setTeamFormBody, teamFormDto } from './team-form.schemas.js';
import { getTeamForm } from './get-team-form.js';
import { setTeamForm } from './set-team-form.js';

const tags = ['teams'];

export function registerTeamFormRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/teams/:id/form', {
    schema: { tags, summary: "The team's form: the fields its agents fill during a conversation", params: teamIdParams, response: { 200: teamFormDto } },
  }, async (req) => getTeamForm(withActor(ctx, requireActor(req)), req.params));

  app.put('/api/v1/teams/:id/form', {
    schema: { tags, summary: "Replace the team's form (admin and up)", params: teamIdParams, body: setTeamFormBody, response: { 200: teamFormDto } },
  }, async (req) => setTeamForm(withActor(ctx, requireActor(req)), { id: req.params.id, fields: req.body.fields }));
}
