import { api } from '../../app/api-client';

export type CallStatus = 'open' | 'closed' | 'service_request';
export interface IvrStep { menu: string; prompt: string | null; choice: string | null; at: string }
export interface Call {
  id: number;
  callId: string;
  status: CallStatus;
  from: string;
  to: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  ivrPath: IvrStep[];
  transcript: string | null;
  reason: string | null;
  city: string | null;
  recordingUrl: string | null;
  outcome: string | null;
  contact: { id: number; name: string; phone: string | null; documentNumber: string | null } | null;
  closedBy: { id: number; name: string } | null;
  closedAt: string | null;
  closingNote: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface CallFilters { status?: string; q?: string; from?: string; to?: string; reason?: string; city?: string }
export interface CallPage { items: Call[]; nextCursor: string | null }
export interface ReasonCounts { items: Array<{ reason: string | null; count: number }>; total: number }

/** A day typed in a date field (yyyy-mm-dd) as the start of that day in the browser's zone; `to` is exclusive, so it is the next day. */
export function dayBoundary(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

const query = (f: CallFilters) => ({ status: f.status, q: f.q, reason: f.reason, city: f.city, from: dayBoundary(f.from, false), to: dayBoundary(f.to, true) });

export const fetchCalls = (f: CallFilters, cursor: string | null) => api<CallPage>('/calls', { query: { ...query(f), cursor, limit: 50 } });
export const fetchReasons = (f: CallFilters) => api<ReasonCounts>('/calls/reasons', { query: { ...query(f), reason: undefined } });
export const closeCall = (id: number, note: string) => api<{ call: Call }>(`/calls/${id}/close`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
export const markServiceRequest = (id: number) => api<{ call: Call }>(`/calls/${id}/service-request`, { method: 'POST', body: {} });
