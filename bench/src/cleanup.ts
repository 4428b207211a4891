/**
 * What to undo if the bench is interrupted (Ctrl-C): stop child servers, drop the databases it
 * created, remove temporary directories. Each step registers itself and unregisters when done.
 */
const pending = new Set<() => Promise<void> | void>();

export function onInterrupt(undo: () => Promise<void> | void): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

export function handleInterrupts() {
  const run = async (signal: string) => {
    process.stderr.write(`# ${signal}: cleaning up\n`);
    for (const undo of [...pending].reverse()) await Promise.resolve(undo()).catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', () => void run('SIGINT'));
  process.once('SIGTERM', () => void run('SIGTERM'));
}
