import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { sessionTokenHash } from '../auth/session-cookie.js';
import { withActor } from '../use-case.js';
import { listUsersQuery, memberListDto, memberResponse, profileResponse, updateMemberBody, updateProfileBody, userIdParams } from './users.schemas.js';
import { listUsers } from './list-users.js';
import { getUser } from './get-user.js';
import { updateMember } from './update-member.js';
import { updateProfile } from './update-profile.js';

const tags = ['users'];

export function registerUserRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/users', {
    schema: { tags, summary: 'Members of the workspace with role, access level, teams and whether active', querystring: listUsersQuery, response: { 200: memberListDto } },
  }, async (req) => listUsers(withActor(ctx, requireActor(req)), req.query));

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'A member of the workspace', params: userIdParams, response: { 200: memberResponse } },
  }, async (req) => ({ user: await getUser(withActor(ctx, requireActor(req)), req.params) }));

  app.patch('/api/v1/users/:id', {
    schema: {
      tags,
      summary: 'Change a member\'s role, access level, teams or active (admin and up; only owners touch owners; one active owner always remains)',
      params: userIdParams, body: updateMemberBody, response: { 200: memberResponse },
    },
  }, async (req) => ({ user: await updateMember(withActor(ctx, requireActor(req)), { ...req.body, id: req.params.id }) }));

  app.patch('/api/v1/profile', {
    schema: { tags, summary: 'Your own name, avatar, language or password (with the current one)', body: updateProfileBody, response: { 200: profileResponse } },
  }, async (req) => ({ user: await updateProfile(withActor(ctx, requireActor(req)), { ...req.body, sessionTokenHash: sessionTokenHash(req) }) }));
}
