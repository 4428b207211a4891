import { type HookClient, PostErrors } from './hook-client.js';
import { paced } from './pacer.js';
import { type Window, percentile, runWindow, sleep } from './stats.js';

/** One in twenty webhooks is a re-delivery of an earlier one, byte for byte, as Meta re-sends. */
const DUPLICATE_EVERY = 20;
const CUSTOMERS = 50;

/** A Cloud API webhook carrying one customer message, escaped as Meta escapes non-ASCII (\uXXXX). */
export function whatsappWebhook(phoneNumberId: string, phase: number, seq: number): string {
  const from = `57300${String(seq % CUSTOMERS).padStart(7, '0')}`;
  const body = {
    object: 'whatsapp_business_account',
    entry: [{
      id: '209876543210987',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '573001234567', phone_number_id: phoneNumberId },
          contacts: [{ profile: { name: `Cliente ${seq % CUSTOMERS}` }, wa_id: from }],
          messages: [{ from, id: `wamid.bench${phase}.${seq}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `¿Tienen envío a Medellín? ${phase}.${seq}` } }],
        },
      }],
    }],
  };
  return JSON.stringify(body).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface BurstResult {
  acknowledgedPerSecond: number;
  ackP99Ms: number;
  /** Re-deliveries that made a second message (or answered with another message than the first delivery's). */
  duplicateRows: number;
  duplicatesSent: number;
  errors: PostErrors;
  pacerLagP99Ms?: number;
}

/** Tracks which message each webhook made; a re-delivery must name the same message and say it is a duplicate. */
class Deliveries {
  private first = new Map<number, number>();
  duplicateRows = 0;
  duplicatesSent = 0;

  record(seq: number, resent: boolean, responseBody: string) {
    const answer = JSON.parse(responseBody) as { messageId?: number; duplicate?: boolean };
    if (!resent) {
      if (answer.messageId !== undefined) this.first.set(seq, answer.messageId);
      return;
    }
    this.duplicatesSent++;
    const original = this.first.get(seq);
    if (original !== undefined && (answer.messageId !== original || answer.duplicate !== true)) this.duplicateRows++;
  }
}

/** What the i-th webhook of a run is: a new message, or (every 20th) a re-delivery of one already answered. */
function nth(i: number, answered: number[]): { seq: number; resent: boolean } {
  if (i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && answered.length) return { seq: answered[Math.floor(answered.length / 2)], resent: true };
  return { seq: i, resent: false };
}

/** Webhooks at a steady rate (Meta's 80 messages per second per number): acknowledgement latency. */
export async function burstAtRate(client: HookClient, phoneNumberId: string, opts: { rate: number; seconds: number; phase: number }): Promise<BurstResult> {
  const errors = new PostErrors();
  const deliveries = new Deliveries();
  const answered: number[] = [];
  const count = opts.rate * opts.seconds;
  const latencies = new Float64Array(count);
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const pacer = await paced(opts.rate, count, (i) => {
    const { seq, resent } = nth(i, answered);
    const sentAt = performance.now();
    pending.push(client.post(whatsappWebhook(phoneNumberId, opts.phase, seq)).then(
      (res) => {
        latencies[i] = performance.now() - sentAt;
        if (!errors.check(res)) return;
        deliveries.record(seq, resent, res.body);
        if (!resent) answered.push(seq);
      },
      (err) => errors.record(String(err)),
    ));
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return { acknowledgedPerSecond: count / elapsed, ackP99Ms: percentile(latencies, 99), duplicateRows: deliveries.duplicateRows, duplicatesSent: deliveries.duplicatesSent, errors, pacerLagP99Ms: pacer.lagP99Ms };
}

/** Webhooks as fast as they are acknowledged, `concurrency` in flight: acknowledged per second. */
export async function burstAtSaturation(client: HookClient, phoneNumberId: string, opts: { concurrency: number; warmupS: number; seconds: number; phase: number }): Promise<BurstResult> {
  const errors = new PostErrors();
  const deliveries = new Deliveries();
  const answered: number[] = [];
  const latencies: number[] = [];
  const w: Window = { counting: false, stop: false };
  let next = 0;
  let counted = 0;
  const sender = async () => {
    while (!w.stop) {
      const { seq, resent } = nth(next++, answered);
      const sentAt = performance.now();
      try {
        const res = await client.post(whatsappWebhook(phoneNumberId, opts.phase, seq));
        if (!errors.check(res)) continue;
        deliveries.record(seq, resent, res.body);
        if (!resent) answered.push(seq);
        if (w.counting) {
          counted++;
          latencies.push(performance.now() - sentAt);
        }
      } catch (err) {
        errors.record(String(err));
        await sleep(50);
      }
    }
  };
  const elapsed = await runWindow(opts, w, sender);
  return { acknowledgedPerSecond: counted / elapsed, ackP99Ms: percentile(latencies, 99), duplicateRows: deliveries.duplicateRows, duplicatesSent: deliveries.duplicatesSent, errors };
}
