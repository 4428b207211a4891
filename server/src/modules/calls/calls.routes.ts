import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  callIdParams, callListDto, callReasonsDto, callReasonsQuery, callResponse, closeCallBody, ingestCallsBody, ingestCallsResponse, listCallsQuery,
} from './calls.schemas.js';
import { ingestCalls } from './ingest-calls.js';
import { countCallsPerReason, listCalls } from './list-calls.js';
import { getCall } from './get-call.js';
import { closeCall } from './close-call.js';
import { requestCallService } from './request-call-service.js';

export function registerCallRoutes(app: App, ctx: AppContext) {
  const tags = ['calls'];
  app.post('/api/v1/calls', {
    schema: {
      tags,
      summary: 'Store call records from a PBX or IVR (up to 100; all or nothing; a known call id is a duplicate and changes nothing). Admin sessions and API tokens.',
      body: ingestCallsBody,
      response: { 200: ingestCallsResponse },
    },
  }, async (req) => ingestCalls(withActor(ctx, requireActor(req)), req.body));

  app.get('/api/v1/calls', {
    schema: { tags, summary: 'Calls, newest first, filtered and keyset-paged (supervisors and up, and agents with access level all)', querystring: listCallsQuery, response: { 200: callListDto } },
  }, async (req) => {
    const { cursor, limit, ...filters } = req.query;
    return listCalls(withActor(ctx, requireActor(req)), filters, { cursor, limit });
  });

  app.get('/api/v1/calls/reasons', {
    schema: { tags, summary: 'How many calls each reason had, under the same filters as the list', querystring: callReasonsQuery, response: { 200: callReasonsDto } },
  }, async (req) => countCallsPerReason(withActor(ctx, requireActor(req)), req.query));

  app.get('/api/v1/calls/:id', {
    schema: { tags, summary: 'One call, with its IVR path step by step', params: callIdParams, response: { 200: callResponse } },
  }, async (req) => ({ call: await getCall(withActor(ctx, requireActor(req)), req.params.id) }));

  app.post('/api/v1/calls/:id/close', {
    schema: { tags, summary: 'Close a call, with an optional closing note', params: callIdParams, body: closeCallBody, response: { 200: callResponse } },
  }, async (req) => ({ call: await closeCall(withActor(ctx, requireActor(req)), { id: req.params.id, note: req.body?.note }) }));

  app.post('/api/v1/calls/:id/service-request', {
    schema: { tags, summary: 'Mark that the call generated a service request', params: callIdParams, response: { 200: callResponse } },
  }, async (req) => ({ call: await requestCallService(withActor(ctx, requireActor(req)), { id: req.params.id }) }));
}
