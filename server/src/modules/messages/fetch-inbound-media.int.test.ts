import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/db.js';
import { fetchInboundMediaJob } from './fetch-inbound-media.job.js';

describeEachDriver('inbound media', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: ApiChannel;
  let files: http.Server;
  let base = '';
  const pdf = Buffer.from('%PDF-1.4 factura de prueba');

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    channel = await createApiChannel(t, owner);
    // The integrator's file host: one file, anything else is 404.
    files = http.createServer((req, res) => {
      if (req.url === '/media/factura.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => files.close(r));
  });

  it('copies an inbound message\'s files into storage and records the ones that cannot be fetched', async () => {
    const res = await postInbound(t, channel, {
      type: 'message', externalId: 'media-1', contact: { externalId: '58414777' }, text: 'Le envío la factura',
      attachments: [{ url: `${base}/media/factura.pdf` }, { url: `${base}/media/missing.jpg`, filename: 'foto.jpg' }],
    });
    expect(res.statusCode).toBe(200);
    const { conversationId, messageId } = res.json();
    let message: any;
    for (let i = 0; i < 100; i++) {
      const items = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers })).json().items;
      message = items.find((m: any) => m.id === messageId);
      if (message.meta.mediaFailures) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ filename: 'factura.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(message.meta.mediaFailures).toEqual([{ url: `${base}/media/missing.jpg`, reason: 'HTTP 404' }]);
    const download = await t.server.app.inject({ method: 'GET', url: message.attachments[0].url, headers: owner.headers });
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // The job again (a retry, or a duplicate after a crash): the file already copied is not copied twice.
    await fetchInboundMediaJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId }, { retryCount: 5, retryLimit: 5 } as never);
    const files = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM attachments WHERE message_id = ${messageId}`);
    expect(files[0].n).toBe(1);
  });
});
