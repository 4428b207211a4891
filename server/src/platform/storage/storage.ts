import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** Where attachments live. Local disk by default; other drivers implement the same three calls. */
export interface Storage {
  put(workspaceId: number, filename: string, body: Readable | Buffer, maxBytes: number): Promise<{ key: string; size: number }>;
  get(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class TooLargeError extends Error {}

export function localDiskStorage(root: string): Storage {
  const full = (key: string) => {
    const p = path.resolve(root, key);
    if (!p.startsWith(path.resolve(root) + path.sep)) throw new Error('invalid storage key');
    return p;
  };
  return {
    async put(workspaceId, filename, body, maxBytes) {
      const safe = filename.replace(/[^\w.\-]+/g, '_').slice(-80) || 'file';
      const key = `${workspaceId}/${new Date().toISOString().slice(0, 7)}/${crypto.randomUUID()}-${safe}`;
      const target = full(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      let size = 0;
      try {
        if (Buffer.isBuffer(body)) {
          if (body.length > maxBytes) throw new TooLargeError(`file exceeds ${maxBytes} bytes`);
          await fs.promises.writeFile(target, body);
          size = body.length;
        } else {
          await pipeline(
            body,
            async function* (source) {
              for await (const chunk of source) {
                size += chunk.length;
                if (size > maxBytes) throw new TooLargeError(`file exceeds ${maxBytes} bytes`);
                yield chunk;
              }
            },
            fs.createWriteStream(target),
          );
        }
      } catch (err) {
        await fs.promises.rm(target, { force: true });
        throw err;
      }
      return { key, size };
    },
    get: (key) => fs.createReadStream(full(key)),
    remove: (key) => fs.promises.rm(full(key), { force: true }),
  };
}
