/**
 * Group commit: requests that arrive while a batch is being stored wait and go together in the next
 * one. At low load every request runs alone and at once; under a burst, one transaction stores many.
 * A failed batch of several requests is retried request by request, so one bad request fails alone.
 */
export class Batcher<I, R> {
  private waiting: Array<{ items: I[]; resolve: (r: R[]) => void; reject: (e: unknown) => void }> = [];
  private running = false;

  constructor(private run: (items: I[]) => Promise<R[]>, private maxItems = 200) {}

  submit(items: I[]): Promise<R[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Start on the next turn of the event loop: requests already read from their sockets join this batch.
        // (PGlite answers without yielding to I/O, so a batch started at once would starve the others.)
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.waiting.length) {
      const batch = [];
      let count = 0;
      while (this.waiting.length && (batch.length === 0 || count + this.waiting[0].items.length <= this.maxItems)) {
        const next = this.waiting.shift()!;
        count += next.items.length;
        batch.push(next);
      }
      try {
        const results = await this.run(batch.flatMap((b) => b.items));
        let offset = 0;
        for (const b of batch) {
          b.resolve(results.slice(offset, offset + b.items.length));
          offset += b.items.length;
        }
      } catch (err) {
        if (batch.length === 1) batch[0].reject(err);
        else for (const b of batch) await this.run(b.items).then(b.resolve, b.reject);
      }
      await new Promise((r) => setImmediate(r)); // let the requests that arrived meanwhile join the next batch
    }
    this.running = false;
  }
}
