import { SocketClients } from './clients.js';
import { type FanoutResult, measureFanout } from './fanout.js';
import { HookClient } from './hook-client.js';
import { type LatencyOptions, type LatencyResult, measureLatency } from './latency.js';
import type { SaturationOptions } from './ingest.js';
import { type Sweep, sweep } from './saturation.js';
import { startProcess } from './server-process.js';

export interface BareWsResult {
  fanout: Sweep<FanoutResult>;
  latency: LatencyResult;
  lostSockets: number;
}

/**
 * The fan-out reference: the bare `ws` broadcast server in its own process, driven by the same
 * clients, load generator and options as the product (at each level of requests in flight; phases from `saturation.phase` on).
 */
export async function measureBareWs(clients: number, inFlight: number[], saturation: Omit<SaturationOptions, 'concurrency'>, latencyOpts: LatencyOptions): Promise<BareWsResult> {
  const server = await startProcess({ name: 'bare ws server', entry: 'bench/src/bare-ws-server.ts', env: {} });
  const hooks = new HookClient(server.baseUrl, 'bare', 'unused', Math.max(64, ...inFlight));
  let sockets: SocketClients | null = null;
  try {
    sockets = await SocketClients.connect({ url: `ws://127.0.0.1:${server.port}/api/v1/realtime`, count: clients });
    const open = sockets;
    const fanout = await sweep(inFlight, (concurrency, i) => measureFanout(hooks, open, { ...saturation, concurrency, phase: saturation.phase + i }), (r) => r.deliveriesPerSecond);
    const latency = await measureLatency(hooks, sockets, latencyOpts);
    return { fanout, latency, lostSockets: sockets.lost };
  } finally {
    sockets?.close();
    hooks.close();
    await server.stop();
  }
}
