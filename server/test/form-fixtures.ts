import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';
import { SMTP_AUTH, SUPPORT_ADDRESS } from './email-fixtures.js';

/**
 * An email channel that only sends (its SMTP is the local inbox; its IMAP points at a closed port, so the
 * "connection" after creation fails harmlessly and nothing is polled): what a web form answers through.
 */
export async function createSendingEmailChannel(t: TestApp, admin: Session, smtp: { host: string; port: number }): Promise<number> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.headers,
    payload: {
      type: 'email',
      name: 'Correo de respuestas',
      config: {
        address: SUPPORT_ADDRESS,
        name: 'Soporte Empresa',
        imap: { host: '127.0.0.1', port: 9, secure: false, user: SMTP_AUTH.user },
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: SMTP_AUTH.user },
        pollSeconds: 3600,
      },
      secrets: { imapPassword: 'unused', smtpPassword: SMTP_AUTH.pass },
    },
  });
  if (res.statusCode !== 201) throw new Error(`create email channel: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A web form answering through `replyChannelId`; limits are generous unless the test sets them. */
export async function createFormChannel(t: TestApp, admin: Session, config: Record<string, unknown> & { replyChannelId: number }): Promise<{ id: number; formKey: string }> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.headers,
    payload: { type: 'form', name: `Consultas ${Date.now()}`, config: { limits: { perIpPerMinute: 1000, perChannelPerMinute: 1000 }, ...config } },
  });
  if (res.statusCode !== 201) throw new Error(`create form channel: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, formKey: res.json().secret };
}

/** A browser's post of the form: JSON by default, or `urlencoded` as a plain HTML <form> sends it. */
export function postForm(t: TestApp, channelId: number, body: Record<string, unknown>, opts: { headers?: Record<string, string>; urlencoded?: boolean } = {}) {
  const payload = opts.urlencoded ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const contentType = opts.urlencoded ? 'application/x-www-form-urlencoded' : 'application/json';
  return t.server.app.inject({ method: 'POST', url: `/hooks/form/${channelId}`, headers: { 'content-type': contentType, ...opts.headers }, payload });
}
