import type { Me } from '../../app/auth';
import { conversationStatuses, priorities, type ConversationFilters, type ConversationStatus } from './conversations.api';

/**
 * The inbox's filters as they live in the URL (so links and reloads keep them). Dates are calendar
 * days in the reader's time zone; the API gets instants.
 */
export interface InboxFilters {
  /** Comma-separated statuses, or 'all'. */
  status: string;
  assigneeId?: string;
  teamId?: string;
  channelId?: string;
  tag?: string;
  priority?: string;
  mentioned?: 'me';
  q?: string;
  from?: string;
  to?: string;
}

export const FILTER_KEYS = ['status', 'assigneeId', 'teamId', 'channelId', 'tag', 'priority', 'mentioned', 'q', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** What needs attention: taken and waiting conversations (seed 001: the tables open on "ABIERTA"). */
export const DEFAULT_STATUS = 'open,queued';
export const ALL_STATUSES = 'all';

const day = /^\d{4}-\d{2}-\d{2}$/;

/** Statuses in a stable order, or 'all' when every status (or none) is chosen. */
export function canonicalStatus(value: string | string[] | null | undefined): string | null {
  if (value == null) return null;
  const tokens = (Array.isArray(value) ? value : value.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (tokens.includes(ALL_STATUSES)) return ALL_STATUSES;
  if (tokens.length === 0 || tokens.some((s) => !conversationStatuses.includes(s as ConversationStatus))) return null;
  const set = new Set(tokens);
  if (set.size === conversationStatuses.length) return ALL_STATUSES;
  return conversationStatuses.filter((s) => set.has(s)).join(',');
}

export function statusList(status: string): ConversationStatus[] {
  return status === ALL_STATUSES ? [...conversationStatuses] : (status.split(',') as ConversationStatus[]);
}

/** Reads the filters from the URL, dropping anything malformed. */
export function readFilters(params: URLSearchParams): InboxFilters {
  const get = (key: FilterKey) => params.get(key)?.trim() || undefined;
  const filters: InboxFilters = { status: canonicalStatus(get('status')) ?? DEFAULT_STATUS };
  const assigneeId = get('assigneeId');
  if (assigneeId && /^(me|none|[1-9]\d*)$/.test(assigneeId)) filters.assigneeId = assigneeId;
  const teamId = get('teamId');
  if (teamId && /^(none|[1-9]\d*)$/.test(teamId)) filters.teamId = teamId;
  const channelId = get('channelId');
  if (channelId && /^[1-9]\d*$/.test(channelId)) filters.channelId = channelId;
  const tag = get('tag');
  if (tag && tag.length <= 100) filters.tag = tag;
  const priority = get('priority');
  if (priority && (priorities as readonly string[]).includes(priority)) filters.priority = priority;
  if (get('mentioned') === 'me') filters.mentioned = 'me';
  const q = get('q');
  if (q) filters.q = q.slice(0, 200);
  const from = get('from');
  if (from && day.test(from)) filters.from = from;
  const to = get('to');
  if (to && day.test(to)) filters.to = to;
  return filters;
}

/** The URL form: keys in a fixed order, the default status left out. */
export function filtersToSearch(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = key === 'status' ? (canonicalStatus(filters.status) ?? DEFAULT_STATUS) : filters[key];
    if (value === undefined || value === '') continue;
    if (key === 'status' && value === DEFAULT_STATUS) continue;
    params.set(key, value);
  }
  return params;
}

export const sameFilters = (a: InboxFilters, b: InboxFilters) => filtersToSearch(a).toString() === filtersToSearch(b).toString();

/** Local midnight of a calendar day, as an instant. */
export function startOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

/** The day an instant falls on, in the reader's time zone. */
export function localDay(instant: string | Date): string | undefined {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The query GET /conversations takes. `to` is inclusive: up to the end of that day. */
export function toApiFilters(filters: InboxFilters): ConversationFilters {
  const api: ConversationFilters = {};
  if (filters.status !== ALL_STATUSES) api.status = filters.status;
  for (const key of ['assigneeId', 'teamId', 'channelId', 'tag', 'priority', 'mentioned', 'q'] as const) {
    if (filters[key]) api[key] = filters[key];
  }
  if (filters.from) api.from = startOfDay(filters.from).toISOString();
  if (filters.to) {
    const end = startOfDay(filters.to);
    end.setDate(end.getDate() + 1);
    api.to = end.toISOString();
  }
  return api;
}

/**
 * Filters as a saved view stores them: the list query's string form (the server validates them with
 * the list query's own rules). Read tolerantly: lists, numbers and nulls are understood too.
 */
export interface SavedViewFilters {
  status?: string | string[];
  assigneeId?: string | number | null;
  teamId?: string | number | null;
  channelId?: string | number;
  tag?: string;
  priority?: string;
  mentioned?: string;
  q?: string;
  from?: string;
  to?: string;
}

export function toSavedViewFilters(filters: InboxFilters): SavedViewFilters {
  const api = toApiFilters(filters);
  const saved: SavedViewFilters = { status: api.status ?? statusList(ALL_STATUSES).join(',') };
  for (const key of ['assigneeId', 'teamId', 'channelId', 'tag', 'priority', 'mentioned', 'q', 'from', 'to'] as const) {
    if (api[key]) saved[key] = api[key];
  }
  return saved;
}

/** A saved view's filters back in URL form; tolerant of the server normalising them (arrays, nulls, numbers). */
export function fromSavedViewFilters(saved: SavedViewFilters | null | undefined): InboxFilters {
  const s = saved ?? {};
  const params = new URLSearchParams();
  const status = canonicalStatus(s.status ?? null);
  params.set('status', status ?? ALL_STATUSES);
  const id = (v: string | number | null | undefined) => (v === null ? 'none' : v === undefined ? undefined : String(v));
  const set = (key: FilterKey, value: string | undefined) => value !== undefined && value !== '' && params.set(key, value);
  set('assigneeId', id(s.assigneeId));
  set('teamId', id(s.teamId));
  set('channelId', id(s.channelId));
  set('tag', s.tag);
  set('priority', s.priority);
  set('mentioned', s.mentioned);
  set('q', s.q);
  set('from', s.from ? localDay(s.from) : undefined);
  // `to` is stored as the start of the day after the last one included.
  if (s.to) {
    const end = new Date(s.to);
    end.setMilliseconds(end.getMilliseconds() - 1);
    set('to', localDay(end));
  }
  return readFilters(params);
}

/** Whether any filter beyond the view's own basics (status) narrows the list. */
export const hasNarrowing = (f: InboxFilters) => FILTER_KEYS.some((k) => k !== 'status' && f[k] !== undefined);

/** What the client knows of a conversation when deciding whether it belongs in a list. */
export interface Matchable {
  status: ConversationStatus;
  assigneeId: number | null;
  teamId: number | null;
  priority: string;
  tags: string[];
  channelId?: number;
  contactId?: number;
  createdAt?: string;
}

export type Match = 'yes' | 'no' | 'maybe';

/** Would the server list this conversation for these (API) filters? 'maybe' when only the server can tell. */
export function matchConversation(c: Matchable, f: ConversationFilters, me: Pick<Me, 'user' | 'role' | 'accessLevel' | 'teamIds'>): Match {
  if (!canSee(c, me)) return 'no';
  let unsure = false;
  if (f.status && !f.status.split(',').includes(c.status)) return 'no';
  if (f.assigneeId) {
    const want = f.assigneeId === 'me' ? me.user.id : f.assigneeId === 'none' ? null : Number(f.assigneeId);
    if (c.assigneeId !== want) return 'no';
  }
  if (f.teamId) {
    const want = f.teamId === 'none' ? null : Number(f.teamId);
    if (c.teamId !== want) return 'no';
  }
  if (f.tag && !c.tags.includes(f.tag)) return 'no';
  if (f.priority && c.priority !== f.priority) return 'no';
  if (f.channelId) {
    if (c.channelId === undefined) unsure = true;
    else if (c.channelId !== Number(f.channelId)) return 'no';
  }
  if (f.contactId) {
    if (c.contactId === undefined) unsure = true;
    else if (c.contactId !== Number(f.contactId)) return 'no';
  }
  if (f.from || f.to) {
    if (c.createdAt === undefined) unsure = true;
    else {
      const at = new Date(c.createdAt).getTime();
      if (f.from && at < new Date(f.from).getTime()) return 'no';
      if (f.to && at >= new Date(f.to).getTime()) return 'no';
    }
  }
  if (f.q || f.mentioned) unsure = true;
  return unsure ? 'maybe' : 'yes';
}

/** The server's access rule (`canSeeConversation`), so a conversation moved out of reach leaves the list. */
export function canSee(c: Pick<Matchable, 'assigneeId' | 'teamId'>, me: Pick<Me, 'user' | 'role' | 'accessLevel' | 'teamIds'>): boolean {
  if (me.accessLevel === 'all' || me.role === 'admin' || me.role === 'owner') return true;
  const mine = c.assigneeId === me.user.id;
  if (me.accessLevel === 'assigned') return mine;
  return mine || (c.teamId !== null && me.teamIds.includes(c.teamId));
}
