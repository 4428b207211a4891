/**
 * `npm run bench`: the spine's first benchmark, on PGlite and (with DATABASE_URL or --postgres) on
 * PostgreSQL. Each figure is printed next to a reference measured in the same run on the same
 * machine (DESIGN.md, convention 12). Exits 1 on errors in the run, never on a missed target.
 *
 * Options: --postgres <url> (a server where the bench may create and drop databases),
 * --only pglite|postgres, --seconds <n> (measured window per scenario), --clients <n>,
 * --concurrency <n,n,…> (levels of in-flight requests for the saturation figures; default 48,96,192), --rate <n> (messages/s for latency),
 * --profile <dir> (write a CPU profile of each server process there), --scenarios spine,assignment (which to run),
 * --assign-rate <n> (closes per second in the assignment benchmark's churn).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { handleInterrupts } from './cleanup.js';
import { SocketClients, currentEventId } from './clients.js';
import { measureFanout } from './fanout.js';
import { HookClient } from './hook-client.js';
import { measureIngest } from './ingest.js';
import { measureLatency } from './latency.js';
import { type Driver, startProduct } from './product.js';
import { measureBareWs } from './reference-fanout.js';
import { referenceInsertPglite, referenceInsertPostgres } from './reference-insert.js';
import { burstAtRate, burstAtSaturation } from './whatsapp-burst.js';
import { measureAssignment } from './assignment.js';
import { Report, progress } from './report.js';
import { sweep } from './saturation.js';

function usage(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const options = {
  postgres: { type: 'string' },
  only: { type: 'string' },
  seconds: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '2' },
  clients: { type: 'string', default: '100' },
  concurrency: { type: 'string', default: '48,96,192' },
  rate: { type: 'string', default: '200' },
  profile: { type: 'string' },
  scenarios: { type: 'string', default: 'spine,assignment' },
  'assign-rate': { type: 'string', default: '50' },
} as const;

const args = (() => {
  try {
    return parseArgs({ options }).values;
  } catch (err) {
    return usage((err as Error).message);
  }
})();
const seconds = Number(args.seconds);
const warmupS = Number(args.warmup);
const clients = Number(args.clients);
/** Levels of requests in flight for the saturation figures (saturation.ts); the WhatsApp burst uses the first. */
const inFlight = args.concurrency!.split(',').map((c) => Number(c.trim()));
const concurrency = inFlight[0];
const rate = Number(args.rate);
const postgresUrl = args.postgres ?? process.env.DATABASE_URL;
const scenarios = new Set(args.scenarios!.split(',').map((s) => s.trim()));
const assignRate = Number(args['assign-rate']);
for (const s of scenarios) if (s !== 'spine' && s !== 'assignment') usage(`unknown scenario ${s} (spine, assignment)`);
if (args.only && args.only !== 'pglite' && args.only !== 'postgres') usage('--only takes pglite or postgres');
for (const [name, v] of Object.entries({ seconds, warmupS, clients, concurrency: Math.min(...inFlight), rate, assignRate })) {
  if (!(v > 0)) usage(`--${name === 'warmupS' ? 'warmup' : name} must be a positive number`);
}

const report = new Report();
const sum = <T>(items: T[], f: (t: T) => number) => items.reduce((n, t) => n + f(t), 0);

async function benchDriver(driver: Driver) {
  if (scenarios.has('spine')) await benchSpine(driver);
  if (scenarios.has('assignment')) await benchAssignment(driver);
}

/** Issue 5: 500 agents, 10,000 waiting, agents freeing places at random. */
async function benchAssignment(driver: Driver) {
  const d = driver.kind;
  progress(`${d}: assignment: 500 agents x 5 places, 10,000 waiting; then ${assignRate} closes/s for ${seconds} s`);
  const a = await measureAssignment(driver, { seconds, rate: assignRate });
  report.figure(`assignment_initial_per_s_${d}`, a.initialPerSecond, undefined, 0);
  report.figure(`ref_assignment_update_per_s_${d}`, a.referencePerSecond, undefined, 0);
  report.figure(`assignment_ratio_${d}`, a.initialPerSecond / a.referencePerSecond);
  report.figure(`assignment_churn_closes_per_s_${d}`, a.churnClosesPerSecond, undefined, 1);
  report.figure(`assignment_churn_assigned_${d}`, a.churnAssigned, undefined, 0);
  report.figure(`assignment_p50_ms_${d}`, a.p50Ms);
  report.figure(`assignment_p99_ms_${d}`, a.p99Ms);
  report.figure(`assignment_most_open_per_agent_${d}`, a.mostOpenPerAgent, undefined, 0);
  report.error(`assignment_over_capacity_${d}`, Math.max(0, a.mostOpenPerAgent - 5));
}

async function benchSpine(driver: Driver) {
  const d = driver.kind;
  progress(`${d}: reference inserts (${seconds} s)`);
  const refInsert = d === 'pglite' ? await referenceInsertPglite(seconds) : await referenceInsertPostgres(driver.adminUrl, seconds);

  progress(`${d}: bare ws reference, ${clients} sockets (fan-out ${seconds} s, then ${rate} msg/s for ${seconds} s)`);
  const saturation = { concurrency, warmupS, seconds };
  const latencyOpts = { rate, warmupS: 1, seconds };
  const bare = await measureBareWs(clients, inFlight, { warmupS, seconds, phase: 10 }, { ...latencyOpts, phase: 2 });
  const bareFanouts = bare.fanout.levels.map((l) => l.result);
  report.error(`errors_bare_ws_${d}`, sum(bareFanouts, (f) => f.errors.count) + bare.latency.errors.count, [...bareFanouts.flatMap((f) => f.errors.samples), ...bare.latency.errors.samples]);
  report.error(`incomplete_messages_bare_ws_${d}`, sum(bareFanouts, (f) => f.incomplete));
  report.error(`lost_deliveries_bare_ws_${d}`, bare.latency.missing);

  progress(`${d}: starting the server`);
  const product = await startProduct(driver, args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []);
  const hooks = new HookClient(product.server.baseUrl, product.channelId, product.secret, Math.max(64, ...inFlight));
  let sockets: SocketClients | null = null;
  try {
    progress(`${d}: ingest at saturation, no sockets, ${inFlight.join(' / ')} in flight (${seconds} s each)`);
    const ingest = await sweep(inFlight, (c, i) => measureIngest(hooks, { ...saturation, concurrency: c, phase: 30 + i }), (r) => r.perSecond);
    const ingests = ingest.levels.map((l) => l.result);
    report.error(`errors_ingest_${d}`, sum(ingests, (r) => r.errors.count), ingests.flatMap((r) => r.errors.samples));
    if (sum(ingests, (r) => r.errors.count)) progress(`server output (tail):\n${product.server.output().slice(-3000)}`);
    for (const { level, result } of ingest.levels) report.figure(`ingest_per_s_${d}_at_${level}`, result.perSecond, undefined, 0);
    report.figure(`ingest_per_s_${d}`, ingest.best.perSecond, undefined, 0);
    report.figure(`ingest_in_flight_${d}`, ingest.bestLevel, undefined, 0);
    report.figure(`ref_insert_per_s_${d}`, refInsert, undefined, 0);
    report.figure(`ingest_ratio_${d}`, ingest.best.perSecond / refInsert, { op: '>=', value: 0.3 });

    progress(`${d}: ${clients} sockets, fan-out at saturation, ${inFlight.join(' / ')} in flight (${seconds} s each)`);
    const from = await currentEventId(product.realtimeUrl, product.cookie);
    sockets = await SocketClients.connect({ url: product.realtimeUrl, count: clients, cookie: product.cookie, lastEventId: from });
    const open = sockets;
    const fanout = await sweep(inFlight, (c, i) => measureFanout(hooks, open, { ...saturation, concurrency: c, phase: 40 + i }), (r) => r.deliveriesPerSecond);
    const fanouts = fanout.levels.map((l) => l.result);
    report.error(`errors_fanout_${d}`, sum(fanouts, (f) => f.errors.count), fanouts.flatMap((f) => f.errors.samples));
    report.error(`incomplete_messages_fanout_${d}`, sum(fanouts, (f) => f.incomplete));
    for (const [i, { level, result }] of fanout.levels.entries()) {
      report.figure(`fanout_deliveries_per_s_${d}_at_${level}`, result.deliveriesPerSecond, undefined, 0);
      report.figure(`ref_ws_deliveries_per_s_${d}_at_${level}`, bare.fanout.levels[i].result.deliveriesPerSecond, undefined, 0);
    }
    report.figure(`fanout_deliveries_per_s_${d}`, fanout.best.deliveriesPerSecond, undefined, 0);
    report.figure(`fanout_messages_per_s_${d}`, fanout.best.messagesPerSecond, undefined, 0);
    report.figure(`fanout_in_flight_${d}`, fanout.bestLevel, undefined, 0);
    report.figure(`ref_ws_deliveries_per_s_${d}`, bare.fanout.best.deliveriesPerSecond, undefined, 0);
    report.figure(`ref_ws_in_flight_${d}`, bare.fanout.bestLevel, undefined, 0);
    report.figure(`fanout_ratio_${d}`, fanout.best.deliveriesPerSecond / bare.fanout.best.deliveriesPerSecond, { op: '>=', value: 0.5 });

    progress(`${d}: ${rate} msg/s open loop, ${clients} sockets (${seconds} s)`);
    const latency = await measureLatency(hooks, sockets, { ...latencyOpts, phase: 5 });
    report.error(`errors_latency_${d}`, latency.errors.count, latency.errors.samples);
    report.error(`lost_deliveries_latency_${d}`, latency.missing);
    report.error(`sockets_closed_by_server_${d}`, sockets.lost + bare.lostSockets);
    report.figure(`p50_ms_${d}`, latency.p50Ms);
    report.figure(`p99_ms_${d}`, latency.p99Ms, { op: '<', value: 50 });
    report.figure(`max_ms_${d}`, latency.maxMs);
    report.figure(`post_p50_ms_${d}`, latency.postP50Ms);
    report.figure(`post_p99_ms_${d}`, latency.postP99Ms);
    report.figure(`ref_ws_p50_ms_${d}`, bare.latency.p50Ms);
    report.figure(`ref_ws_p99_ms_${d}`, bare.latency.p99Ms);
    report.figure(`pacer_lag_p99_ms_${d}`, Math.max(latency.pacerLagP99Ms, bare.latency.pacerLagP99Ms));

    sockets.close();
    sockets = null;
    progress(`${d}: WhatsApp burst: signed webhooks at 80/s, then at saturation, 5% re-delivered (${seconds} s each)`);
    const wa = new HookClient(product.server.baseUrl, product.whatsapp.channelId, product.whatsapp.appSecret, Math.max(64, ...inFlight), 'whatsapp');
    try {
      const steady = await burstAtRate(wa, product.whatsapp.phoneNumberId, { rate: 80, seconds, phase: 6 });
      const burst = await burstAtSaturation(wa, product.whatsapp.phoneNumberId, { ...saturation, phase: 7 });
      report.error(`errors_whatsapp_${d}`, steady.errors.count + burst.errors.count, [...steady.errors.samples, ...burst.errors.samples]);
      // Printed even when 0, which is what it must be; more fails the run.
      report.figure(`whatsapp_duplicate_rows_${d}`, steady.duplicateRows + burst.duplicateRows, undefined, 0);
      report.error(`whatsapp_duplicate_rows_errors_${d}`, steady.duplicateRows + burst.duplicateRows);
      report.figure(`whatsapp_ack_per_s_at_80_${d}`, steady.acknowledgedPerSecond, undefined, 0);
      report.figure(`whatsapp_ack_p99_ms_at_80_${d}`, steady.ackP99Ms, { op: '<', value: 200 });
      report.figure(`whatsapp_ack_per_s_saturation_${d}`, burst.acknowledgedPerSecond, undefined, 0);
      report.figure(`whatsapp_ack_p99_ms_saturation_${d}`, burst.ackP99Ms);
      report.figure(`whatsapp_duplicates_sent_${d}`, steady.duplicatesSent + burst.duplicatesSent, undefined, 0);
    } finally {
      wa.close();
    }

    const mem = product.server.memoryMb();
    report.figure(`server_rss_mb_${d}`, mem.rss, undefined, 0);
    report.figure(`server_peak_rss_mb_${d}`, mem.peak, undefined, 0);
  } finally {
    sockets?.close();
    hooks.close();
    await product.dispose();
  }
}

async function main() {
  handleInterrupts();
  const [l1, l5] = os.loadavg();
  report.note(
    'machine',
    `${os.cpus().length} cores shared by the server, the load generator and the ${clients} socket clients (one process); ` +
      `load average ${l1.toFixed(2)} (1 min) ${l5.toFixed(2)} (5 min); node ${process.version}`,
  );
  const drivers: Driver[] = [];
  if (args.only !== 'postgres') drivers.push({ kind: 'pglite' });
  if (args.only !== 'pglite') {
    if (postgresUrl) drivers.push({ kind: 'postgres', adminUrl: postgresUrl });
    else report.note('postgres', 'skipped (set DATABASE_URL or pass --postgres <url>)');
  }
  for (const driver of drivers) {
    try {
      await benchDriver(driver);
    } catch (err) {
      report.error(`failed_${driver.kind}`, 1);
      console.error(err);
    }
  }
  report.note('load_average_after', os.loadavg().map((v) => v.toFixed(2)).join(' '));
  process.exitCode = report.errors > 0 ? 1 : 0;
}

await main();
