/**
 * The activity status rules, in one place. A member's status is either their choice (`user`) or what
 * presence says (`auto`): an open dashboard sends a heartbeat every 30 s saying whether its user has been
 * idle (for the workspace's `autoAwayMinutes`: away); away that way for `autoOfflineMinutes` more is offline;
 * no heartbeat for two minutes means they left.
 */
export const memberStatuses = ['online', 'away', 'busy', 'offline'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export type StatusSource = 'user' | 'auto';
export interface Presence {
  status: MemberStatus;
  source: StatusSource;
}

/** Without a heartbeat for this long, a member is offline. */
export const PRESENCE_TIMEOUT_MS = 2 * 60_000;

/**
 * A status picked by the member. Picking `online` hands the status back to presence, so going idle makes
 * them `away` again; `away`, `busy` and `offline` hold, whatever the heartbeats say, until changed.
 */
export function chosen(status: MemberStatus): Presence {
  return status === 'online' ? { status: 'online', source: 'auto' } : { status, source: 'user' };
}

/**
 * A heartbeat: an automatic status follows the user's activity (idle: away; idle for too long, see
 * `idleTooLong`: offline, and it stays so while the dashboard stays idle); a chosen one stays.
 */
export function afterHeartbeat(current: Presence, idle: boolean, tooLong = false): Presence {
  if (current.source === 'user') return current;
  if (!idle) return { status: 'online', source: 'auto' };
  return tooLong ? LEFT : { status: 'away', source: 'auto' };
}

/** The idle clock: it starts at the first idle heartbeat (when auto-away begins) and stops at the first active one. */
export function idleSinceAfter(idleSince: Date | null, idle: boolean, now: Date): Date | null {
  return idle ? (idleSince ?? now) : null;
}

/** Auto-offline: away (idle) for the workspace's `autoOfflineMinutes` or longer. */
export function idleTooLong(idleSince: Date | null, now: Date, autoOfflineMinutes: number): boolean {
  return idleSince !== null && now.getTime() - idleSince.getTime() >= autoOfflineMinutes * 60_000;
}

/**
 * Presence lost (no heartbeat within the timeout): offline, and automatic again, so the next heartbeat
 * brings them back online. A member who chose `offline` is not touched and stays offline when they return.
 */
export const LEFT: Presence = { status: 'offline', source: 'auto' };
