import type { CallView } from './calls.repo.js';
import type { CallDto } from './calls.schemas.js';

export function toCallDto({ call, contact, closedBy }: CallView): CallDto {
  return {
    id: call.id,
    callId: call.externalId,
    status: call.status,
    from: call.fromNumber,
    to: call.toNumber,
    startedAt: call.startedAt.toISOString(),
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSeconds: call.durationSeconds,
    ivrPath: call.ivrPath.map((s) => ({ menu: s.menu, prompt: s.prompt ?? null, choice: s.choice ?? null, at: s.at })),
    transcript: call.botTranscript,
    reason: call.reason,
    city: call.city,
    recordingUrl: call.recordingUrl,
    outcome: call.outcome,
    contact: contact?.id != null ? contact : null,
    closedBy: closedBy?.id != null ? closedBy : null,
    closedAt: call.closedAt?.toISOString() ?? null,
    closingNote: call.closingNote,
    createdAt: call.createdAt.toISOString(),
    updatedAt: call.updatedAt.toISOString(),
  };
}
