import { lookup } from 'node:dns/promises';
import net from 'node:net';

/**
 * Where a workflow may send requests: the public internet only, unless WORKFLOW_HTTP_ALLOW_PRIVATE says otherwise, so a
 * workflow's author cannot reach the server's own network (databases, cloud metadata at 169.254.169.254, admin ports).
 */
const privateRanges = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(address, prefix, 'ipv6');

/** Private, loopback, link-local, shared, multicast or unspecified (IPv4-mapped IPv6 addresses count as their IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1], 'ipv4');
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class RefusedTarget extends Error {}

/** Refuses URLs that are not http(s), and hosts that are or resolve to a private address. */
export async function assertPublicTarget(url: URL): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedTarget(`Only http and https URLs are allowed, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw new RefusedTarget(`The host ${host} cannot be resolved`);
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new RefusedTarget(`Refused: ${host} is a private or local address (set WORKFLOW_HTTP_ALLOW_PRIVATE=true to allow it)`);
  }
}

export interface TargetedFetch {
  allowPrivate: boolean;
  /** Redirects followed, each target checked again; 0 answers the 3xx itself. */
  maxRedirects: number;
}

/**
 * fetch, with every hop checked against the private ranges. A name is resolved twice (here and by fetch), so a DNS
 * server that answers differently the second time is not stopped; fetch exposes no hook to connect to the checked address.
 */
export async function fetchTarget(url: string, init: RequestInit, opts: TargetedFetch): Promise<Response> {
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    if (!opts.allowPrivate) await assertPublicTarget(target);
    else if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new RefusedTarget(`Only http and https URLs are allowed, not ${target.protocol}`);
    const res = await fetch(target, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location || hop >= opts.maxRedirects) return res;
    await res.body?.cancel();
    target = new URL(location, target);
  }
}

/** The body as text, at most `max` bytes of it (a large answer is cut, not buffered whole). */
export async function readBody(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
