import WebSocket from 'ws';
import { startProduct } from './product.js';
import { HookClient, inboundBody } from './hook-client.js';
import { sleep } from './stats.js';
const driver = process.argv[2] === 'pg' ? { kind: 'postgres' as const, adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres' } : { kind: 'pglite' as const };
const p = await startProduct(driver);
try {
  const ws = new WebSocket(p.realtimeUrl, { headers: { cookie: p.cookie } });
  ws.on('message', (d) => console.log('frame', d.toString().slice(0, 400)));
  ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: ['workspace'] })));
  await sleep(1000);
  const h = new HookClient(p.server.baseUrl, p.channelId, p.secret);
  for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await h.post(inboundBody(9, i)); console.log('post', r.status, r.body, (performance.now() - t).toFixed(1), 'ms'); }
  await sleep(3000);
  const t = performance.now();
  const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => h.post(inboundBody(9, 100 + i))));
  console.log('20 concurrent', (performance.now() - t).toFixed(1), 'ms', rs.map((r) => r.status).join(','));
  await sleep(2000);
  ws.terminate(); h.close();
  console.log(p.server.output().slice(-3000));
} finally { await p.dispose(); }
