import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { badRequest } from '../../platform/http/errors.js';
import { requireActor } from '../auth/authenticate.js';
import { sessionTokenHash } from '../auth/session-cookie.js';
import { withActor } from '../use-case.js';
import {
  heartbeatBody, listUsersQuery, memberListDto, memberResponse, ownProfileResponse, statusBody, statusResponse, updateMemberBody, updateProfileBody, userIdParams,
} from './users.schemas.js';
import { listUsers } from './list-users.js';
import { getUser } from './get-user.js';
import { updateMember } from './update-member.js';
import { getProfile } from './get-profile.js';
import { updateProfile } from './update-profile.js';
import { uploadAvatar } from './upload-avatar.js';
import { deleteAvatar } from './delete-avatar.js';
import { openAvatar } from './open-avatar.js';
import { setStatus } from './set-status.js';
import { recordHeartbeat } from './record-heartbeat.js';

const tags = ['users'];
const profileTags = ['profile'];

export function registerUserRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/users', {
    schema: { tags, summary: 'Members of the workspace with role, access level, teams, whether active, and activity status', querystring: listUsersQuery, response: { 200: memberListDto } },
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

  app.get('/api/v1/users/:id/avatar', { schema: { tags, summary: 'A member\'s uploaded picture', params: userIdParams } }, async (req, reply) => {
    const { contentType, stream } = await openAvatar(withActor(ctx, requireActor(req)), req.params.id);
    // Only the four image types are ever stored; nosniff and a sandbox keep anything else from running here.
    reply.header('content-type', contentType);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; sandbox");
    reply.header('content-disposition', 'inline');
    // The URL changes with every upload (?v=), so a day of private caching never shows a stale picture.
    reply.header('cache-control', 'private, max-age=86400');
    return reply.send(stream);
  });

  app.get('/api/v1/profile', {
    schema: { tags: profileTags, summary: 'Your own profile, notification preferences and status in this workspace', response: { 200: ownProfileResponse } },
  }, async (req) => ({ user: await getProfile(withActor(ctx, requireActor(req))) }));

  app.patch('/api/v1/profile', {
    schema: { tags: profileTags, summary: 'Your own name, avatar URL, language, notification preferences or password (with the current one)', body: updateProfileBody, response: { 200: ownProfileResponse } },
  }, async (req) => ({ user: await updateProfile(withActor(ctx, requireActor(req)), { ...req.body, sessionTokenHash: sessionTokenHash(req) }) }));

  app.post('/api/v1/profile/avatar', {
    schema: { tags: profileTags, summary: 'Upload your picture (multipart, field `file`: PNG, JPEG, WebP or GIF up to 2 MB)', response: { 200: ownProfileResponse } },
  }, async (req) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) throw badRequest('Send the picture as multipart/form-data in the field `file`');
    const file = await req.file();
    if (!file) throw badRequest('No file in the request', [{ field: 'file', message: 'required' }]);
    return { user: await uploadAvatar(withActor(ctx, actor), { stream: file.file }) };
  });

  app.delete('/api/v1/profile/avatar', {
    schema: { tags: profileTags, summary: 'Remove your picture', response: { 200: ownProfileResponse } },
  }, async (req) => ({ user: await deleteAvatar(withActor(ctx, requireActor(req))) }));

  app.put('/api/v1/profile/status', {
    schema: { tags: profileTags, summary: 'Set your status in this workspace (online lets presence switch you to away when idle; away, busy and offline hold)', body: statusBody, response: { 200: statusResponse } },
  }, async (req) => setStatus(withActor(ctx, requireActor(req)), req.body));

  app.post('/api/v1/presence/heartbeat', {
    schema: { tags: profileTags, summary: 'The dashboard is open (every 30 s); idle after a while without input. No heartbeat for 2 minutes: offline', body: heartbeatBody, response: { 200: statusResponse } },
  }, async (req) => recordHeartbeat(withActor(ctx, requireActor(req)), { idle: req.body?.idle ?? false }));
}
