import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { queriesOf } from '../../../test/query-counter.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { canSeeEvent } from '../auth/event-visibility.js';
import type { Actor } from '../auth/permissions.js';

describeEachDriver('calls (IVR)', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let token: string;
  let supervisor: Session;
  let agentAll: Session;
  let agentTeam: Session;
  let seq = 0;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
  const post = (calls: unknown[], headers: Record<string, string> = bearer(token)) => inject({ method: 'POST', url: '/api/v1/calls', headers, payload: { calls } });
  const record = (over: Record<string, unknown> = {}) => ({
    callId: `call-${++seq}`,
    from: '+54 9 11 5555-0001',
    to: '0800-555-1234',
    startedAt: '2026-03-02T13:00:00Z',
    endedAt: '2026-03-02T13:03:30Z',
    ivrPath: [
      { menu: 'Soporte', prompt: 'Si no tiene internet, marque 1', choice: '1', at: '2026-03-02T13:00:40Z' },
      { menu: 'Principal', prompt: 'Para soporte técnico marque 2', choice: '2', at: '2026-03-02T13:00:10Z' },
    ],
    transcript: 'Bot: ¿En qué puedo ayudarle? Cliente: no tengo internet',
    reason: 'Sin servicio de internet',
    city: 'Córdoba',
    recordingUrl: 'https://pbx.example.com/rec/1.mp3',
    outcome: 'derivada',
    callerName: 'Marta Gómez',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    token = await createApiToken(t, ws.owner);
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'team' });
    agentAll = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all' });
    agentTeam = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team' });
  });
  afterAll(() => t?.close());

  it('stores a call with its IVR path in order, links the caller to a new contact, and a re-delivery stores nothing new', async () => {
    const rec = record();
    const first = await post([rec]);
    expect(first.statusCode, first.body).toBe(200);
    const [result] = first.json().results;
    expect(result).toMatchObject({ callId: rec.callId, duplicate: false });

    const got = (await inject({ url: `/api/v1/calls/${result.id}`, headers: supervisor.headers })).json().call;
    expect(got).toMatchObject({
      callId: rec.callId, status: 'open', from: '+5491155550001', durationSeconds: 210, reason: 'Sin servicio de internet', city: 'Córdoba',
      recordingUrl: 'https://pbx.example.com/rec/1.mp3', outcome: 'derivada', transcript: rec.transcript,
      contact: { name: 'Marta Gómez', phone: '+5491155550001' }, closedBy: null,
    });
    expect(got.ivrPath.map((s: { menu: string; choice: string }) => `${s.menu}:${s.choice}`)).toEqual(['Principal:2', 'Soporte:1']);

    const again = await post([rec]);
    expect(again.json().results).toEqual([{ callId: rec.callId, id: result.id, duplicate: true }]);
    const created = await eventsOfType(t, ws.workspaceId, 'call.created');
    expect(created.filter((e) => e.payload.call.callId === rec.callId)).toHaveLength(1);

    // The same caller again: the same contact, no new one.
    const second = await post([record()]);
    const call2 = (await inject({ url: `/api/v1/calls/${second.json().results[0].id}`, headers: supervisor.headers })).json().call;
    expect(call2.contact.id).toBe(got.contact.id);
    expect((await eventsOfType(t, ws.workspaceId, 'contact.created')).filter((e) => e.payload.contact.phone === '+5491155550001')).toHaveLength(1);
  });

  it('concurrent deliveries of one new call and one new caller end with one call and one contact', async () => {
    const rec = record({ from: '+5493515550999', callerName: 'Concurrente' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => post([rec])));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    const results = answers.map((a) => a.json().results[0]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const list = (await inject({ url: '/api/v1/calls?q=%2B5493515550999', headers: supervisor.headers })).json();
    expect(list.items).toHaveLength(1);
    const contacts = (await inject({ url: '/api/v1/contacts?q=5493515550999', headers: ws.owner.headers })).json();
    expect(contacts.items).toHaveLength(1);
  });

  it('answers 400 naming the field and stores nothing of a batch with one bad record', async () => {
    const good = record();
    const cases: Array<[unknown, string]> = [
      [record({ from: '' }), 'body.calls.1.from'],
      [record({ startedAt: 'yesterday' }), 'body.calls.1.startedAt'],
      [record({ endedAt: '2026-03-02T12:00:00Z' }), 'body.calls.1.endedAt'],
      [record({ recordingUrl: 'javascript:alert(1)' }), 'body.calls.1.recordingUrl'],
      [record({ ivrPath: [{ menu: '', at: '2026-03-02T13:00:10Z' }] }), 'body.calls.1.ivrPath.0.menu'],
      [record({ from: 'anónimo' }), 'body.calls.1.from'],
    ];
    for (const [bad, field] of cases) {
      const res = await post([good, bad]);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const tooMany = await post(Array.from({ length: 101 }, () => record()));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].field).toBe('body.calls');
    const stored = (await inject({ url: `/api/v1/calls?q=${encodeURIComponent('no tengo internet')}&limit=100`, headers: supervisor.headers })).json().items;
    expect(stored.map((c: { callId: string }) => c.callId)).not.toContain(good.callId);
  });

  it('lets admins and API tokens ingest; supervisors and agents with access level all read and act; others get 403', async () => {
    expect((await post([record()], supervisor.headers)).statusCode).toBe(403);
    const agentToken = await createApiToken(t, ws.owner, { role: 'agent' });
    expect((await post([record()], bearer(agentToken))).statusCode).toBe(403);
    expect((await post([record()], ws.owner.headers)).statusCode).toBe(200);

    expect((await inject({ url: '/api/v1/calls', headers: agentAll.headers })).statusCode).toBe(200);
    expect((await inject({ url: '/api/v1/calls', headers: agentTeam.headers })).statusCode).toBe(403);
    const id = (await post([record()])).json().results[0].id;
    expect((await inject({ url: `/api/v1/calls/${id}`, headers: agentTeam.headers })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: `/api/v1/calls/${id}/close`, headers: agentTeam.headers, payload: {} })).statusCode).toBe(403);

    const other = await createWorkspace(t);
    expect((await inject({ url: `/api/v1/calls/${id}`, headers: other.owner.headers })).statusCode).toBe(404);

    // Live events follow the same rule.
    const base = { type: 'user' as const, workspaceId: ws.workspaceId, userId: 1, teamIds: [] };
    const event = { workspaceId: ws.workspaceId, type: 'call.created', conversationId: null, teamId: null, assigneeId: null, audience: [], payload: {} };
    expect(canSeeEvent({ ...base, role: 'agent', accessLevel: 'team' } satisfies Actor, event)).toBe(false);
    expect(canSeeEvent({ ...base, role: 'agent', accessLevel: 'all' } satisfies Actor, event)).toBe(true);
    expect(canSeeEvent({ ...base, role: 'supervisor', accessLevel: 'assigned' } satisfies Actor, event)).toBe(true);
  });

  it('closes with a note, marks a service request, and refuses moves the status table forbids', async () => {
    const [a, b] = (await post([record(), record()])).json().results.map((r: { id: number }) => r.id);
    const closed = await inject({ method: 'POST', url: `/api/v1/calls/${a}/close`, headers: agentAll.headers, payload: { note: 'Se reinició el módem' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().call).toMatchObject({ status: 'closed', closingNote: 'Se reinició el módem', closedBy: { id: agentAll.userId } });
    expect((await inject({ method: 'POST', url: `/api/v1/calls/${a}/service-request`, headers: agentAll.headers })).statusCode).toBe(409);

    const sr = await inject({ method: 'POST', url: `/api/v1/calls/${b}/service-request`, headers: supervisor.headers });
    expect(sr.json().call.status).toBe('service_request');
    const closedLater = await inject({ method: "POST", url: `/api/v1/calls/${b}/close`, headers: supervisor.headers });
    expect(closedLater.statusCode, closedLater.body).toBe(200);
    expect(closedLater.json().call).toMatchObject({ status: 'closed', closingNote: null });

    const updated = await eventsOfType(t, ws.workspaceId, 'call.updated');
    expect(updated.at(-1)!.payload).toMatchObject({ call: { id: b, status: 'service_request' }, previousStatus: 'open' });
    expect((await eventsOfType(t, ws.workspaceId, 'call.closed')).map((e) => e.payload.call.id)).toEqual([a, b]);
  });

  it('filters by status, dates, reason, city, outcome and text, counts by reason, and pages with a constant number of queries', async () => {
    const w = await createWorkspace(t);
    const tok = await createApiToken(t, w.owner);
    const day = (d: number, h = 10) => `2026-04-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
    const batch = Array.from({ length: 30 }, (_, i) => record({
      from: `+54935155510${String(i).padStart(2, '0')}`,
      callerName: `Cliente ${i}`,
      startedAt: day(1 + (i % 10)),
      endedAt: day(1 + (i % 10), 11),
      ivrPath: [],
      reason: i % 3 === 0 ? 'Contratar servicio' : 'Soporte técnico',
      city: i % 2 === 0 ? 'Córdoba' : 'Rosario',
      outcome: i % 5 === 0 ? 'abandonada' : 'atendida',
      transcript: i === 7 ? 'quiero cambiar el plan de fibra' : 'hola',
    }));
    expect((await post(batch, bearer(tok))).statusCode).toBe(200);
    const list = async (qs: string) => (await inject({ url: `/api/v1/calls?${qs}`, headers: w.owner.headers })).json();

    expect((await list('reason=Contratar%20servicio&limit=100')).items).toHaveLength(10);
    expect((await list('city=Rosario&outcome=atendida&limit=100')).items.every((c: { city: string; outcome: string }) => c.city === 'Rosario' && c.outcome === 'atendida')).toBe(true);
    expect((await list(`from=${day(3)}&to=${day(5)}&limit=100`)).items).toHaveLength(6);
    expect((await list('q=plan%20de%20fibra')).items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Cliente 7']);
    expect((await list('q=Cliente%2012')).items).toHaveLength(1);
    const some = (await list('limit=100')).items;
    await inject({ method: 'POST', url: `/api/v1/calls/${some[0].id}/close`, headers: w.owner.headers });
    expect((await list('status=closed')).items.map((c: { id: number }) => c.id)).toEqual([some[0].id]);
    expect((await list('status=open,service_request&limit=100')).items).toHaveLength(29);

    const reasons = (await inject({ url: '/api/v1/calls/reasons?city=Córdoba', headers: w.owner.headers })).json();
    expect(reasons).toEqual({ items: [{ reason: 'Soporte técnico', count: 10 }, { reason: 'Contratar servicio', count: 5 }], total: 15 });

    // Keyset paging: every call once, newest first.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: number; startedAt: string }>; nextCursor: string | null } = await list(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    const starts = some.map((c: { startedAt: string }) => c.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect((await inject({ url: '/api/v1/calls?cursor=bad', headers: w.owner.headers })).statusCode).toBe(400);

    const queriesFor = async (url: string) =>
      (await queriesOf(async () => expect((await inject({ url, headers: w.owner.headers })).statusCode).toBe(200))).length;
    const small = await queriesFor('/api/v1/calls?limit=1');
    expect(await queriesFor('/api/v1/calls?limit=100')).toBe(small);
    expect(await queriesFor('/api/v1/calls?limit=100&status=open&reason=Soporte%20t%C3%A9cnico&city=Rosario&q=hola&from=2020-01-01T00:00:00Z')).toBe(small);
  });
});
