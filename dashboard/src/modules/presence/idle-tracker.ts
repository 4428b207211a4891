/** How often the dashboard tells the server it is open (POST /presence/heartbeat). */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** Without keyboard, mouse or focus activity for this long the person counts as idle (auto-away), unless the workspace says otherwise. */
export const IDLE_AFTER_MS = 5 * 60_000;

export interface PresenceLoopOptions {
  /** Sends one heartbeat; `idle` says whether the person has been inactive for `idleAfterMs`. */
  send: (idle: boolean) => void;
  now?: () => number;
  intervalMs?: number;
  idleAfterMs?: number;
}

export interface PresenceLoop {
  start(): void;
  stop(): void;
  /** Called on any keyboard, mouse or focus activity. */
  activity(): void;
  isIdle(): boolean;
}

/**
 * The heartbeat schedule, free of the DOM so it can be tested with fake timers: a heartbeat at start and every
 * `intervalMs`, idle once `idleAfterMs` passed without activity. Coming back from idle sends a heartbeat at once,
 * so an automatic "away" turns back to "online" the moment the person returns, not up to 30 s later.
 */
export function createPresenceLoop({
  send,
  now = Date.now,
  intervalMs = HEARTBEAT_INTERVAL_MS,
  idleAfterMs = IDLE_AFTER_MS,
}: PresenceLoopOptions): PresenceLoop {
  let lastActivity = now();
  let lastSentIdle: boolean | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const isIdle = () => now() - lastActivity >= idleAfterMs;
  const beat = () => {
    const idle = isIdle();
    lastSentIdle = idle;
    send(idle);
  };

  return {
    start() {
      if (timer !== null) return;
      lastActivity = now();
      beat();
      timer = setInterval(beat, intervalMs);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      lastSentIdle = null;
    },
    activity() {
      lastActivity = now();
      if (timer !== null && lastSentIdle === true) beat();
    },
    isIdle,
  };
}
