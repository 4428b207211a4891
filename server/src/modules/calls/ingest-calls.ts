import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { invalidField } from '../invalid-field.js';
import { normalizePhone } from '../contacts/contact-fields.js';
import { toContactDto } from '../contacts/contact-dto.js';
import { callIdsByExternal, insertNewCalls, resolveCallers, type NewCallRow } from './calls.repo.js';
import { toCallDto } from './call-dto.js';
import type { CallRecordInput } from './calls.schemas.js';

/**
 * Stores a batch of call records from a PBX or IVR, all or nothing. A record whose call id is already
 * stored (a re-delivery, or a concurrent delivery that committed first) is reported as a duplicate and
 * changes nothing. Each caller number becomes, or finds, a contact.
 */
export async function ingestCalls(ctx: UseCaseContext, input: { calls: CallRecordInput[] }) {
  const { actor } = ctx;
  if (!can(actor, 'call.ingest', { workspaceId: actor.workspaceId })) throw forbidden();
  const records = input.calls.map((r, i) => checkRecord(r, i));

  return inTransaction(ctx, async (tx, emit) => {
    const { byPhone, created } = await resolveCallers(tx, actor.workspaceId, records.map((r) => ({ phone: r.fromNumber, name: r.callerName })));
    for (const c of created) emit({ workspaceId: actor.workspaceId, type: 'contact.created', actor: eventActor(actor), payload: { contact: toContactDto(c) } });

    const seen = new Set<string>();
    const rows: NewCallRow[] = [];
    for (const { callerName: _, ...r } of records) {
      if (seen.has(r.externalId)) continue; // the first of two records with one id in a batch wins
      seen.add(r.externalId);
      rows.push({ ...r, workspaceId: actor.workspaceId, contactId: byPhone.get(r.fromNumber)?.id ?? null });
    }
    const inserted = await insertNewCalls(tx, rows);
    for (const call of inserted) {
      const dto = toCallDto({ call, contact: byPhone.get(call.fromNumber) ?? null, closedBy: null });
      emit({ workspaceId: actor.workspaceId, type: 'call.created', actor: eventActor(actor), payload: { call: dto } });
    }
    const newIds = new Map(inserted.map((c) => [c.externalId, c.id]));
    const existing = await callIdsByExternal(tx, actor.workspaceId, [...seen].filter((id) => !newIds.has(id)));
    return {
      results: records.map((r) => ({
        callId: r.externalId,
        id: newIds.get(r.externalId) ?? existing.get(r.externalId)!,
        duplicate: !newIds.has(r.externalId),
      })),
    };
  });
}

/** Rules the schema cannot express, named by field; then the record as it is stored. */
function checkRecord(r: CallRecordInput, i: number) {
  const field = (name: string) => `body.calls.${i}.${name}`;
  const fromNumber = normalizePhone(r.from);
  if (!fromNumber || !/\d{3,}/.test(fromNumber)) throw invalidField(field('from'), 'expected a phone number');
  const startedAt = new Date(r.startedAt);
  const endedAt = r.endedAt ? new Date(r.endedAt) : null;
  if (endedAt && endedAt < startedAt) throw invalidField(field('endedAt'), 'must not be before startedAt');
  const ivrPath = r.ivrPath.map((s, j) => {
    if (endedAt && new Date(s.at) > endedAt) throw invalidField(field(`ivrPath.${j}.at`), 'must not be after endedAt');
    return { menu: s.menu, prompt: s.prompt || null, choice: s.choice ?? null, at: new Date(s.at).toISOString() };
  }).sort((a, b) => a.at.localeCompare(b.at)); // the steps in the order they happened, whatever order they came in
  return {
    externalId: r.callId,
    fromNumber,
    toNumber: normalizePhone(r.to) ?? r.to,
    startedAt,
    endedAt,
    durationSeconds: r.durationSeconds ?? (endedAt ? Math.round((endedAt.getTime() - startedAt.getTime()) / 1000) : null),
    ivrPath,
    botTranscript: r.transcript?.trim() || null,
    reason: r.reason ?? null,
    city: r.city ?? null,
    recordingUrl: r.recordingUrl ?? null,
    outcome: r.outcome ?? null,
    callerName: r.callerName ?? '',
  };
}
