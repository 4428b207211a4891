import type { TestApp } from './harness.js';
import type { AccessLevel, Role } from '../src/modules/auth/permissions.js';
import type { Mail, Mailer } from '../src/platform/mail/mailer.js';

/** A signed-in user: pass `headers` to app.inject. */
export interface Session {
  userId: number;
  workspaceId: number;
  cookie: string;
  headers: Record<string, string>;
}

export const TEST_PASSWORD = 'correct horse battery staple';
export const SESSION_COOKIE = 'atiende_session';

type InjectResponse = { statusCode: number; body: string; json(): any; cookies: Array<{ name: string; value: string }> };

let sequence = 0;
const uniqueEmail = (what: string) => `${what}-${process.pid}-${++sequence}@example.test`;

const outboxes = new WeakMap<TestApp, Mail[]>();

/**
 * Every mail the app sends, in order. The app's mailer is wrapped (mail still goes to the configured
 * driver), so fixtures can follow invitation links the way a person would.
 */
export function sentMail(t: TestApp): Mail[] {
  let outbox = outboxes.get(t);
  if (!outbox) {
    const box: Mail[] = [];
    const inner = t.ctx.mail;
    const recording: Mailer = {
      kind: inner.kind,
      async send(mail) {
        box.push(mail);
        await inner.send(mail);
      },
    };
    t.ctx.mail = recording;
    outboxes.set(t, box);
    outbox = box;
  }
  return outbox;
}

/** The token of the last link mailed to this address (invitations, password resets). */
export function lastMailedToken(t: TestApp, email: string): string {
  const mail = [...sentMail(t)].reverse().find((m) => m.to.toLowerCase() === email.toLowerCase());
  const token = mail?.text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no mail with a token was sent to ${email}`);
  return token;
}

function expectStatus(res: InjectResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode}: ${res.body}`);
}

export function sessionCookie(res: InjectResponse): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no ${SESSION_COOKIE} cookie in the response: ${res.body}`);
  return c.value;
}

export function sessionFrom(res: InjectResponse, userId: number, workspaceId: number): Session {
  const cookie = sessionCookie(res);
  return { userId, workspaceId, cookie, headers: { cookie: `${SESSION_COOKIE}=${cookie}` } };
}

const installations = new WeakMap<TestApp, Promise<Session>>();

/**
 * The installation's first workspace, made through first-run set-up. Every workspace a test asks for
 * is made by a new user from here, so each starts with exactly one member: its owner.
 */
function installation(t: TestApp): Promise<Session> {
  let boot = installations.get(t);
  if (!boot) {
    boot = (async () => {
      sentMail(t);
      const res = await t.server.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { workspaceName: 'Installation', name: 'Installation admin', email: uniqueEmail('installation'), password: TEST_PASSWORD },
      });
      expectStatus(res, 201, 'first-run set-up (createWorkspace must run before any set-up by hand in this TestApp)');
      const body = res.json();
      return sessionFrom(res, body.user.id, body.workspace.id);
    })();
    installations.set(t, boot);
  }
  return boot;
}

async function invite(t: TestApp, by: Session, opts: { email: string; name?: string; role: Role; accessLevel: AccessLevel; teamIds?: number[] }) {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: by.headers,
    payload: { email: opts.email, name: opts.name, role: opts.role, accessLevel: opts.accessLevel, teamIds: opts.teamIds ?? [] },
  });
  expectStatus(res, 201, 'invite');
  return lastMailedToken(t, opts.email);
}

async function accept(t: TestApp, token: string, name: string): Promise<Session> {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name, password: TEST_PASSWORD } });
  expectStatus(res, 200, 'accept invitation');
  const body = res.json();
  return sessionFrom(res, body.user.id, body.workspace.id);
}

/** A new workspace whose only member is its owner, signed in. Works any number of times per TestApp. */
export async function createWorkspace(t: TestApp, opts: { name?: string; email?: string } = {}): Promise<{ workspaceId: number; owner: Session }> {
  const boot = await installation(t);
  const email = opts.email ?? uniqueEmail('owner');
  const token = await invite(t, boot, { email, role: 'agent', accessLevel: 'assigned' });
  const guest = await accept(t, token, 'Owner');
  const created = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/workspaces',
    headers: guest.headers,
    payload: { name: opts.name ?? `Workspace ${sequence}` },
  });
  expectStatus(created, 201, 'create workspace');
  const workspaceId: number = created.json().workspace.id;
  // The new owner leaves the installation's workspace; their session already moved to the new one.
  const left = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/users/${guest.userId}`, headers: boot.headers, payload: { active: false } });
  expectStatus(left, 200, 'deactivate in the installation workspace');
  return { workspaceId, owner: { ...guest, workspaceId } };
}

/** A member invited by `owner` (any admin session) who accepted and is signed in. */
export async function createMember(
  t: TestApp,
  owner: Session,
  opts: { role: Role; accessLevel: AccessLevel; teamIds?: number[]; name?: string; email?: string },
): Promise<Session> {
  const email = opts.email ?? uniqueEmail(opts.role);
  const token = await invite(t, owner, { ...opts, email });
  return accept(t, token, opts.name ?? `${opts.role} ${sequence}`);
}

export async function createTeam(t: TestApp, owner: Session, name: string, memberIds: number[] = []): Promise<number> {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: owner.headers, payload: { name } });
  expectStatus(res, 201, 'create team');
  const id: number = res.json().team.id;
  if (memberIds.length) {
    const put = await t.server.app.inject({ method: 'PUT', url: `/api/v1/teams/${id}/members`, headers: owner.headers, payload: { userIds: memberIds } });
    expectStatus(put, 200, 'set team members');
  }
  return id;
}

/** A new API token of the owner's workspace (role admin unless asked). */
export async function createApiToken(t: TestApp, owner: Session, opts: { role?: Role } = {}): Promise<string> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: owner.headers,
    payload: { name: `token ${++sequence}`, role: opts.role ?? 'admin' },
  });
  expectStatus(res, 201, 'create api token');
  return res.json().token;
}

/** The types of the events of a workspace, in log order. */
export async function eventTypes(t: TestApp, workspaceId: number): Promise<string[]> {
  const { rows } = await t.ctx.database.executeSql('SELECT type FROM events WHERE workspace_id = $1 ORDER BY id', [workspaceId]);
  return rows.map((r: { type: string }) => r.type);
}

/** The events of a workspace of one type, payloads included. */
export async function eventsOfType(t: TestApp, workspaceId: number, type: string): Promise<Array<{ payload: any; actor_type: string; actor_id: number | null }>> {
  const { rows } = await t.ctx.database.executeSql('SELECT payload, actor_type, actor_id FROM events WHERE workspace_id = $1 AND type = $2 ORDER BY id', [workspaceId, type]);
  return rows;
}
