import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from './authenticate.js';
import { withActor } from '../use-case.js';
import { sessionDto } from './auth.schemas.js';
import {
  acceptInvitationBody, createInvitationBody, invitationCreatedDto, invitationIdParams, invitationListDto, invitationLookupDto,
  listInvitationsQuery, lookupInvitationQuery,
} from './invitations.schemas.js';
import { setSessionCookie } from './session-cookie.js';
import { inviteUser } from './invite-user.js';
import { listInvitations } from './list-invitations.js';
import { revokeInvitation } from './revoke-invitation.js';
import { lookupInvitation } from './lookup-invitation.js';
import { acceptInvitation } from './accept-invitation.js';

const tags = ['invitations'];

export function registerInvitationRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/invitations', {
    schema: { tags, summary: 'Invite someone by mail with a role, access level and teams (admin and up; owners for owners)', body: createInvitationBody, response: { 201: invitationCreatedDto } },
  }, async (req, reply) => reply.status(201).send(await inviteUser(withActor(ctx, requireActor(req)), req.body)));

  app.get('/api/v1/invitations', {
    schema: { tags, summary: 'Pending invitations', querystring: listInvitationsQuery, response: { 200: invitationListDto } },
  }, async (req) => listInvitations(withActor(ctx, requireActor(req)), req.query));

  // Registered before /:id so "lookup" is never read as an id.
  app.get('/api/v1/invitations/lookup', {
    schema: { tags, summary: 'What an invitation link is for (public)', security: [], querystring: lookupInvitationQuery, response: { 200: invitationLookupDto } },
  }, async (req) => lookupInvitation(ctx, req.query));

  app.delete('/api/v1/invitations/:id', {
    schema: { tags, summary: 'Revoke a pending invitation', params: invitationIdParams, response: { 200: z.object({ id: z.number(), deleted: z.literal(true) }) } },
  }, async (req) => {
    await revokeInvitation(withActor(ctx, requireActor(req)), req.params);
    return { id: req.params.id, deleted: true as const };
  });

  app.post('/api/v1/invitations/accept', {
    schema: { tags, summary: 'Accept an invitation: creates the account (or joins with an existing one) and signs in', security: [], body: acceptInvitationBody, response: { 200: sessionDto } },
  }, async (req, reply) => {
    const { token, session } = await acceptInvitation(ctx, { ...req.body, userAgent: req.headers['user-agent'] });
    setSessionCookie(reply, ctx.config, token);
    return session;
  });
}
