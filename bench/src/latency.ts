import type { SocketClients } from './clients.js';
import { type HookClient, PostErrors, inboundBody } from './hook-client.js';
import { paced } from './pacer.js';
import { percentile, sleep } from './stats.js';

export interface LatencyOptions {
  rate: number;
  warmupS: number;
  seconds: number;
  phase: number;
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  postP50Ms: number;
  postP99Ms: number;
  pacerLagP99Ms: number;
  /** Deliveries expected (messages × sockets) that never arrived. */
  missing: number;
  errors: PostErrors;
}

/**
 * (c) A steady `rate` of messages from an open-loop pacer; latency runs from just before the POST
 * is written to the moment each socket receives the frame, over all sockets. The warm-up's
 * messages are sent but not measured.
 */
export async function measureLatency(client: HookClient, sockets: SocketClients, opts: LatencyOptions): Promise<LatencyResult> {
  const errors = new PostErrors();
  const warmup = Math.round(opts.rate * opts.warmupS);
  const total = warmup + Math.round(opts.rate * opts.seconds);
  const sentAt = new Float64Array(total);
  const received = new Uint16Array(total);
  const latencies = new Float64Array(total * sockets.size);
  const postTimes = new Float64Array(total);
  let measured = 0;
  let lastReceipt = performance.now();

  sockets.onDelivery((phase, seq, at) => {
    if (phase !== opts.phase || seq >= total) return;
    received[seq]++;
    lastReceipt = at;
    if (seq >= warmup && measured < latencies.length) latencies[measured++] = at - sentAt[seq];
  });

  const inflight = new Set<Promise<void>>();
  const pacer = await paced(opts.rate, total, (i) => {
    const body = inboundBody(opts.phase, i);
    sentAt[i] = performance.now();
    const p = client
      .post(body)
      .then((r) => {
        errors.check(r);
        postTimes[i] = performance.now() - sentAt[i];
      })
      .catch((err) => errors.record(String(err)))
      .finally(() => inflight.delete(p));
    inflight.add(p);
  });
  await Promise.all(inflight);

  // Let the last deliveries arrive: stop when all are in or nothing came for 5 s.
  const expected = (total - warmup) * sockets.size;
  const countMeasured = () => received.subarray(warmup).reduce((a, b) => a + b, 0);
  while (countMeasured() < expected && performance.now() - lastReceipt < 5000) await sleep(50);
  sockets.onDelivery(() => {});

  const sample = latencies.subarray(0, measured);
  return {
    p50Ms: percentile(sample, 50),
    p99Ms: percentile(sample, 99),
    maxMs: percentile(sample, 100),
    postP50Ms: percentile(postTimes.subarray(warmup), 50),
    postP99Ms: percentile(postTimes.subarray(warmup), 99),
    pacerLagP99Ms: pacer.lagP99Ms,
    missing: Math.max(0, expected - countMeasured()),
    errors,
  };
}
