import { round } from './stats.js';

type Target = { op: '>=' | '<'; value: number };

/**
 * Figures go to stdout as `name: value` lines (a target, when there is one, after the value);
 * progress goes to stderr, so `npm run bench 2>/dev/null` is the machine-readable result.
 */
export class Report {
  errors = 0;

  figure(name: string, value: number, target?: Target, digits = 2) {
    let line = `${name}: ${Number.isFinite(value) ? round(value, digits) : 'n/a'}`;
    if (target) {
      const met = target.op === '>=' ? value >= target.value : value < target.value;
      line += `  (target ${target.op} ${target.value}: ${met ? 'met' : 'MISSED'})`;
    }
    console.log(line);
  }

  note(name: string, text: string) {
    console.log(`${name}: ${text}`);
  }

  /** Something went wrong in the run (failed requests, lost deliveries): reported, and the exit code is 1. */
  error(name: string, count: number, samples: string[] = []) {
    if (count === 0) return;
    this.errors += count;
    console.log(`${name}: ${count}`);
    for (const s of samples) progress(`  e.g. ${s}`);
  }
}

export function progress(text: string) {
  process.stderr.write(`# ${text}\n`);
}
