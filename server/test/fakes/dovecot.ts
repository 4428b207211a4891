/**
 * A private, real IMAP server for tests and `npm run fakes`: Debian's Dovecot (`apt-get install -y dovecot-imapd`)
 * started in the foreground on 127.0.0.1 with a temporary configuration, one passwd-file user and a maildir
 * under a temporary directory. Customers' mail is put in the mailbox by IMAP APPEND (imapflow), as any client
 * would; UIDVALIDITY changes are made with doveadm, as an administrator recreating the mailbox would.
 *
 * Standalone: `npx tsx test/fakes/dovecot.ts` prints the host, port, user and password.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
const run = promisify(execFile);

/** Why Dovecot cannot be used here, or null when it can: tests that need it skip with this reason. */
export function dovecotMissing(): string | null {
  if (!fs.existsSync(DOVECOT)) return `Dovecot is not installed (${DOVECOT} missing): run \`apt-get install -y dovecot-imapd\``;
  if (!fs.existsSync(DOVEADM)) return `doveadm is missing (${DOVEADM}): reinstall dovecot-core`;
  return null;
}

export interface DovecotFake {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw RFC 5322 message in INBOX (IMAP APPEND); returns its UID. */
  append(raw: string | Buffer, opts?: { date?: Date; flags?: string[] }): Promise<number>;
  /** INBOX's current UIDVALIDITY and UIDNEXT. */
  status(): Promise<{ uidValidity: number; uidNext: number; messages: number }>;
  /** Gives INBOX a new UIDVALIDITY, as when a mailbox is rebuilt or restored (every UID the client knew is void). */
  changeUidValidity(uidValidity: number): Promise<void>;
  /** Connections and logins Dovecot logged so far (for "one poller at a time" assertions). */
  logins(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`dovecot did not listen on ${port}: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Login processes must not run as root: as root they run as Debian's `dovenull` and the rest as `dovecot`
 * (both created by the package); as anyone else everything runs as that user.
 */
function processUsers() {
  const me = os.userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, group: String(me.gid), mail: { uid: me.uid, gid: me.gid } };
  // Dovecot refuses uid 0 for mail processes too: the mailbox belongs to the `dovecot` user.
  const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('dovecot:'));
  if (!entry) throw new Error('The dovecot user is missing (/etc/passwd): reinstall dovecot-core');
  const [, , uid, gid] = entry.split(':');
  return { internal: 'dovecot', login: 'dovenull', group: 'dovecot', mail: { uid: Number(uid), gid: Number(gid) } };
}

export async function startDovecot(opts: { user?: string; password?: string; port?: number } = {}): Promise<DovecotFake> {
  const missing = dovecotMissing();
  if (missing) throw new Error(missing);
  const user = opts.user ?? 'soporte@empresa.test';
  const password = opts.password ?? 'clave-imap-de-prueba';
  const port = opts.port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-dovecot-'));
  // Dovecot's auth process (another user when we are root) reads the passwd file through this directory.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  const users = processUsers();
  const home = path.join(dir, 'mail', 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  fs.chownSync(home, users.mail.uid, users.mail.gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${users.mail.uid}:${users.mail.gid}::${home}::\n`, { mode: 0o644 });
  const logFile = path.join(dir, 'dovecot.log');
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, `# generated by test/fakes/dovecot.ts
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = atiende-${path.basename(dir)}
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A wrong password is answered at once (2 s by default): tests try wrong ones on purpose.
auth_failure_delay = 0
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 0
default_internal_user = ${users.internal}
default_internal_group = ${users.group}
default_login_user = ${users.login}
login_trusted_networks = 127.0.0.0/8
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`);
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore' });
  // A test process that dies without stop() must not leave its Dovecot behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitForPort(port, child, logFile);
  } catch (err) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
  async function withClient<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = client();
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }
  const doveadm = (...args: string[]) => run(DOVEADM, ['-c', conf, ...args]);

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    append: (raw, o = {}) =>
      withClient(async (c) => {
        const res = await c.append('INBOX', typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw, o.flags ?? [], o.date);
        if (!res || !res.uid) throw new Error('APPEND did not answer with a UID');
        return res.uid;
      }),
    status: () =>
      withClient(async (c) => {
        const s = await c.status('INBOX', { uidValidity: true, uidNext: true, messages: true });
        if (!s) throw new Error('STATUS INBOX failed');
        return { uidValidity: Number(s.uidValidity), uidNext: Number(s.uidNext), messages: Number(s.messages) };
      }),
    async changeUidValidity(uidValidity) {
      await doveadm('mailbox', 'update', '-u', user, '--uid-validity', String(uidValidity), 'INBOX');
    },
    logins: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').match(/imap-login: Info: Login: /g)?.length ?? 0 : 0),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dovecot = await startDovecot({ port: process.argv[2] ? Number(process.argv[2]) : undefined });
  console.log(`Dovecot on imap://${dovecot.host}:${dovecot.port} (no TLS), user ${dovecot.user}, password ${dovecot.password}`);
  const stop = () => void dovecot.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
