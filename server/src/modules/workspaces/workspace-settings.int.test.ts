import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('workspace settings: ownership, closing and presence', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let supervisor: Session;
  let agent: Session;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const patch = (by: Session, payload: Record<string, unknown>) => inject({ method: 'PATCH', url: '/api/v1/workspace', headers: by.headers, payload });
  const current = async (by: Session) => (await inject({ url: '/api/v1/workspace', headers: by.headers })).json().workspace;

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'Óptica Central' });
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with the defaults, shown to every member and in the session', async () => {
    expect(await current(agent)).toMatchObject({
      onlyAssigneeReplies: false,
      closingNotePolicy: 'optional',
      closingMessage: null,
      closeResumesBot: true,
      closeReleasesAssignee: true,
      autoAwayMinutes: 5,
      autoOfflineMinutes: 30,
    });
    const me = (await inject({ url: '/api/v1/auth/me', headers: agent.headers })).json();
    expect(me.workspace).toMatchObject({ onlyAssigneeReplies: false, closingNotePolicy: 'optional', autoAwayMinutes: 5 });
  });

  it('lets owners and admins change each setting; only what changed is recorded', async () => {
    const changes = {
      onlyAssigneeReplies: true,
      closingNotePolicy: 'category_and_summary',
      closingMessage: '  Gracias por escribirnos. ¡Hasta pronto!  ',
      closeResumesBot: false,
      closeReleasesAssignee: false,
      autoAwayMinutes: 10,
      autoOfflineMinutes: 60,
    };
    const res = await patch(admin, changes);
    expect(res.statusCode).toBe(200);
    const expected = { ...changes, closingMessage: 'Gracias por escribirnos. ¡Hasta pronto!' };
    expect(res.json().workspace).toMatchObject(expected);
    expect(await current(agent)).toMatchObject(expected);
    const again = await patch(ws.owner, { onlyAssigneeReplies: true, autoAwayMinutes: 15 });
    expect(again.json().workspace).toMatchObject({ onlyAssigneeReplies: true, autoAwayMinutes: 15, closingNotePolicy: 'category_and_summary' });
    const events = await eventsOfType(t, ws.workspaceId, 'workspace.updated');
    expect(events.at(-2)!.payload.changes).toEqual(expected);
    expect(events.at(-1)!.payload.changes).toEqual({ autoAwayMinutes: 15 });
  });

  it('an empty or blank closing message is none (null)', async () => {
    expect((await patch(admin, { closingMessage: '   ' })).json().workspace.closingMessage).toBeNull();
    expect((await patch(admin, { closingMessage: 'Hasta luego' })).json().workspace.closingMessage).toBe('Hasta luego');
    expect((await patch(admin, { closingMessage: null })).json().workspace.closingMessage).toBeNull();
    expect((await patch(admin, { closingMessage: '' })).json().workspace.closingMessage).toBeNull();
  });

  it('names the invalid field with 400', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ onlyAssigneeReplies: 'yes' }, 'body.onlyAssigneeReplies'],
      [{ closingNotePolicy: 'always' }, 'body.closingNotePolicy'],
      [{ closingMessage: 'x'.repeat(1001) }, 'body.closingMessage'],
      [{ closeResumesBot: 1 }, 'body.closeResumesBot'],
      [{ closeReleasesAssignee: null }, 'body.closeReleasesAssignee'],
      [{ autoAwayMinutes: 0 }, 'body.autoAwayMinutes'],
      [{ autoAwayMinutes: 241 }, 'body.autoAwayMinutes'],
      [{ autoAwayMinutes: 2.5 }, 'body.autoAwayMinutes'],
      [{ autoOfflineMinutes: 0 }, 'body.autoOfflineMinutes'],
      [{ autoOfflineMinutes: 1441 }, 'body.autoOfflineMinutes'],
    ];
    for (const [payload, field] of cases) {
      const res = await patch(ws.owner, payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error, field).toMatchObject({ code: 'validation_failed', details: [{ field }] });
    }
    const limits = await patch(ws.owner, { closingMessage: 'x'.repeat(1000), autoAwayMinutes: 240, autoOfflineMinutes: 1440 });
    expect(limits.statusCode).toBe(200);
    expect(limits.json().workspace).toMatchObject({ autoAwayMinutes: 240, autoOfflineMinutes: 1440 });
    expect(limits.json().workspace.closingMessage).toHaveLength(1000);
  });

  it('refuses supervisors and agents (403) and changes nothing', async () => {
    const before = await current(agent);
    for (const who of [supervisor, agent]) {
      for (const payload of [{ onlyAssigneeReplies: false }, { closingNotePolicy: 'disabled' }, { closingMessage: 'Adiós' }, { autoAwayMinutes: 1 }]) {
        expect((await patch(who, payload)).statusCode).toBe(403);
      }
    }
    expect(await current(agent)).toEqual(before);
  });
});
