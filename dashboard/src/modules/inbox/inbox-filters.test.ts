import { describe, expect, it } from 'vitest';
import {
  canonicalStatus,
  DEFAULT_STATUS,
  filtersToSearch,
  fromSavedViewFilters,
  localDay,
  matchConversation,
  readFilters,
  sameFilters,
  startOfDay,
  toApiFilters,
  toSavedViewFilters,
  type Matchable,
} from './inbox-filters';

const read = (query: string) => readFilters(new URLSearchParams(query));

const agent = { user: { id: 7, name: 'Ana', email: 'a@x', language: 'es' }, role: 'agent' as const, accessLevel: 'all' as const, teamIds: [2] };
const conv = (over: Partial<Matchable> = {}): Matchable => ({
  status: 'open',
  assigneeId: 7,
  teamId: 2,
  priority: 'none',
  tags: ['ventas'],
  channelId: 4,
  contactId: 9,
  createdAt: '2025-03-10T15:00:00.000Z',
  ...over,
});

describe('inbox filters in the URL', () => {
  it('defaults to open and queued conversations (seed 001: the tables open on ABIERTA)', () => {
    expect(read('')).toEqual({ status: DEFAULT_STATUS });
    expect(filtersToSearch(read('')).toString()).toBe('');
  });

  it('reads every filter and writes them back in one canonical order', () => {
    const f = read('q=+luis+&to=2025-03-31&from=2025-03-01&tag=ventas&priority=high&channelId=4&teamId=none&assigneeId=me&status=closed&mentioned=me');
    expect(f).toEqual({
      status: 'closed',
      assigneeId: 'me',
      teamId: 'none',
      channelId: '4',
      tag: 'ventas',
      priority: 'high',
      mentioned: 'me',
      q: 'luis',
      from: '2025-03-01',
      to: '2025-03-31',
    });
    expect(filtersToSearch(f).toString()).toBe(
      'status=closed&assigneeId=me&teamId=none&channelId=4&tag=ventas&priority=high&mentioned=me&q=luis&from=2025-03-01&to=2025-03-31',
    );
  });

  it('drops malformed values instead of sending them to the server', () => {
    expect(read('status=open,lost&assigneeId=someone&teamId=-1&channelId=x&priority=huge&from=yesterday&mentioned=you')).toEqual({ status: DEFAULT_STATUS });
  });

  it('orders statuses, and treats every status (or "all") as all', () => {
    expect(canonicalStatus('queued,open')).toBe('open,queued');
    expect(canonicalStatus(['closed', 'bot'])).toBe('bot,closed');
    expect(canonicalStatus('open,queued,bot,snoozed,closed')).toBe('all');
    expect(canonicalStatus('all')).toBe('all');
    expect(read('status=queued,open')).toEqual({ status: 'open,queued' });
    expect(sameFilters({ status: 'queued,open', assigneeId: 'me' }, read('assigneeId=me'))).toBe(true);
    expect(sameFilters({ status: 'open' }, read(''))).toBe(false);
  });

  it('sends the API instants: from the start of the first day to the end of the last, in local time', () => {
    const api = toApiFilters(read('status=all&from=2025-03-01&to=2025-03-31&q=luis&teamId=3'));
    expect(api.status).toBeUndefined();
    expect(api.from).toBe(startOfDay('2025-03-01').toISOString());
    expect(api.to).toBe(new Date(2025, 3, 1).toISOString());
    expect(api).toMatchObject({ q: 'luis', teamId: '3' });
    expect(toApiFilters(read('')).status).toBe('open,queued');
  });

  it('round-trips through a saved view, whatever shape the server gives back', () => {
    const f = read('status=all&assigneeId=none&channelId=4&mentioned=me&from=2025-03-01&to=2025-03-31&q=lentes');
    const saved = toSavedViewFilters(f);
    expect(saved).toMatchObject({ status: 'open,queued,bot,snoozed,closed', assigneeId: 'none', channelId: '4', mentioned: 'me', q: 'lentes' });
    expect(fromSavedViewFilters(saved)).toEqual(f);
    // The server may normalise: status as a list, "none" as null, ids as numbers.
    expect(
      fromSavedViewFilters({ status: ['queued', 'open'], assigneeId: null, teamId: 3, channelId: 4, from: saved.from, to: saved.to }),
    ).toEqual({ status: 'open,queued', assigneeId: 'none', teamId: '3', channelId: '4', from: '2025-03-01', to: '2025-03-31' });
    expect(fromSavedViewFilters({})).toEqual({ status: 'all' });
    expect(localDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('matchConversation', () => {
  it('says yes, no, or maybe when only the server can tell', () => {
    expect(matchConversation(conv(), { status: 'open,queued', assigneeId: 'me' }, agent)).toBe('yes');
    expect(matchConversation(conv({ status: 'closed' }), { status: 'open,queued' }, agent)).toBe('no');
    expect(matchConversation(conv({ assigneeId: 8 }), { assigneeId: 'me' }, agent)).toBe('no');
    expect(matchConversation(conv({ assigneeId: null }), { assigneeId: 'none' }, agent)).toBe('yes');
    expect(matchConversation(conv(), { teamId: 'none' }, agent)).toBe('no');
    expect(matchConversation(conv(), { tag: 'soporte' }, agent)).toBe('no');
    expect(matchConversation(conv(), { priority: 'urgent' }, agent)).toBe('no');
    expect(matchConversation(conv(), { channelId: '5' }, agent)).toBe('no');
    expect(matchConversation(conv({ channelId: undefined }), { channelId: '4' }, agent)).toBe('maybe');
    expect(matchConversation(conv(), { q: 'luis' }, agent)).toBe('maybe');
    expect(matchConversation(conv(), { mentioned: 'me' }, agent)).toBe('maybe');
    expect(matchConversation(conv(), { from: '2025-03-11T00:00:00.000Z' }, agent)).toBe('no');
    expect(matchConversation(conv(), { from: '2025-03-10T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' }, agent)).toBe('yes');
  });

  it('applies the access level, so a conversation moved out of reach leaves the list', () => {
    const teamAgent = { ...agent, accessLevel: 'team' as const };
    const assignedOnly = { ...agent, accessLevel: 'assigned' as const };
    expect(matchConversation(conv({ assigneeId: 8, teamId: 2 }), {}, teamAgent)).toBe('yes');
    expect(matchConversation(conv({ assigneeId: 8, teamId: 3 }), {}, teamAgent)).toBe('no');
    expect(matchConversation(conv({ assigneeId: 8, teamId: 2 }), {}, assignedOnly)).toBe('no');
    expect(matchConversation(conv({ assigneeId: 8, teamId: 3 }), {}, { ...assignedOnly, role: 'admin' })).toBe('yes');
  });
});
