import { z } from 'zod';
import { callStatuses } from './calls.tables.js';

const datetime = z.iso.datetime({ offset: true });
const label = z.string().trim().min(1).max(200);

export const ivrStepInput = z.object({
  menu: label.describe('The menu or node of the IVR, e.g. "Principal" or "Soporte técnico"'),
  prompt: z.string().trim().max(2000).optional().describe('What the IVR said at this step'),
  choice: z.string().trim().max(200).nullable().optional().describe('The key pressed or the answer recognised; null when the caller chose nothing'),
  at: datetime.describe('When the step happened'),
});

export const callRecordInput = z.object({
  callId: label.describe('The PBX or IVR id of the call; a re-delivery with the same id stores nothing new'),
  from: z.string().trim().min(3).max(50).describe('The caller number'),
  to: z.string().trim().min(1).max(50).describe('The number called'),
  startedAt: datetime,
  endedAt: datetime.nullable().optional(),
  durationSeconds: z.number().int().min(0).max(172_800).optional().describe('Defaults to endedAt - startedAt'),
  ivrPath: z.array(ivrStepInput).max(200).default([]),
  transcript: z.string().max(100_000).optional().describe("The IVR bot's transcript"),
  reason: label.optional(),
  city: label.optional(),
  recordingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  outcome: label.optional(),
  callerName: label.optional().describe('Used as the contact name when the caller is a new contact'),
});
export type CallRecordInput = z.infer<typeof callRecordInput>;

export const ingestCallsBody = z.object({ calls: z.array(callRecordInput).min(1).max(100) });

const status = z.enum(callStatuses);

export const listCallsQuery = z.object({
  status: z.string().transform((s) => s.split(',')).pipe(z.array(status).min(1)).optional().describe('One status or several, comma separated (default: all)'),
  from: datetime.optional().describe('Calls started at or after'),
  to: datetime.optional().describe('Calls started before'),
  reason: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(200).optional(),
  outcome: z.string().trim().min(1).max(200).optional(),
  contactId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Caller number, contact name, document number or transcript text'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListCallsQuery = z.infer<typeof listCallsQuery>;
export type CallFilters = Omit<ListCallsQuery, 'cursor' | 'limit'>;

export const callReasonsQuery = listCallsQuery.omit({ cursor: true, limit: true, reason: true });

export const callIdParams = z.object({ id: z.coerce.number().int().positive() });
export const closeCallBody = z.strictObject({ note: z.string().trim().max(5000).optional() }).nullish();

export const ivrStepDto = z.object({ menu: z.string(), prompt: z.string().nullable(), choice: z.string().nullable(), at: z.string() });
export const callDto = z.object({
  id: z.number(),
  callId: z.string(),
  status,
  from: z.string(),
  to: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  ivrPath: z.array(ivrStepDto),
  transcript: z.string().nullable(),
  reason: z.string().nullable(),
  city: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  outcome: z.string().nullable(),
  contact: z.object({ id: z.number(), name: z.string(), phone: z.string().nullable(), documentNumber: z.string().nullable() }).nullable(),
  closedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CallDto = z.infer<typeof callDto>;

export const ingestCallsResponse = z.object({
  results: z.array(z.object({ callId: z.string(), id: z.number(), duplicate: z.boolean() })),
});
export const callListDto = z.object({ items: z.array(callDto), nextCursor: z.string().nullable() });
export const callResponse = z.object({ call: callDto });
export const callReasonsDto = z.object({ items: z.array(z.object({ reason: z.string().nullable(), count: z.number() })), total: z.number() });
