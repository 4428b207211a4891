import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { createTeamBody, listTeamsQuery, setTeamMembersBody, teamIdParams, teamListDto, teamResponse, updateTeamBody } from './teams.schemas.js';
import { listTeams } from './list-teams.js';
import { getTeam } from './get-team.js';
import { createTeam } from './create-team.js';
import { updateTeam } from './update-team.js';
import { deleteTeam } from './delete-team.js';
import { setTeamMembers } from './set-team-members.js';

const tags = ['teams'];

export function registerTeamRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/teams', {
    schema: { tags, summary: 'Teams with their members, by name', querystring: listTeamsQuery, response: { 200: teamListDto } },
  }, async (req) => listTeams(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/teams', {
    schema: { tags, summary: 'Create a team (admin and up)', body: createTeamBody, response: { 201: teamResponse } },
  }, async (req, reply) => reply.status(201).send({ team: await createTeam(withActor(ctx, requireActor(req)), req.body) }));

  app.get('/api/v1/teams/:id', {
    schema: { tags, summary: 'A team', params: teamIdParams, response: { 200: teamResponse } },
  }, async (req) => ({ team: await getTeam(withActor(ctx, requireActor(req)), req.params) }));

  app.patch('/api/v1/teams/:id', {
    schema: { tags, summary: 'Rename or describe a team (admin and up)', params: teamIdParams, body: updateTeamBody, response: { 200: teamResponse } },
  }, async (req) => ({ team: await updateTeam(withActor(ctx, requireActor(req)), { ...req.body, id: req.params.id }) }));

  app.delete('/api/v1/teams/:id', {
    schema: { tags, summary: 'Delete a team no conversation points to (admin and up)', params: teamIdParams, response: { 200: z.object({ id: z.number(), deleted: z.literal(true) }) } },
  }, async (req) => {
    await deleteTeam(withActor(ctx, requireActor(req)), req.params);
    return { id: req.params.id, deleted: true as const };
  });

  app.put('/api/v1/teams/:id/members', {
    schema: { tags, summary: 'Replace the team\'s members (admin and up)', params: teamIdParams, body: setTeamMembersBody, response: { 200: teamResponse } },
  }, async (req) => ({ team: await setTeamMembers(withActor(ctx, requireActor(req)), { id: req.params.id, userIds: req.body.userIds }) }));
}
