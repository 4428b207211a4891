/**
 * Runs one task at a time: `poke()` starts it, and a poke while it runs schedules exactly one more run
 * afterwards (however many pokes came), so what arrived meanwhile is always read. `idle()` waits for the
 * current run, if any.
 */
export class SingleRunner {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private task: () => Promise<void>) {}

  get busy(): boolean {
    return this.running !== null;
  }

  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  async idle(): Promise<void> {
    await this.running;
  }
}
