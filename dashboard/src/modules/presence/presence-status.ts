/** The activity status a member shows to the team (PUT /profile/status, `status` of members). */
export const presenceStatuses = ['online', 'away', 'busy', 'offline'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

export const isPresenceStatus = (value: unknown): value is PresenceStatus => presenceStatuses.includes(value as PresenceStatus);

/** Mantine colours of the status dot: green available, yellow away, red busy, grey offline. */
export const presenceColor: Record<PresenceStatus, string> = {
  online: 'green.6',
  away: 'yellow.5',
  busy: 'red.6',
  offline: 'gray.5',
};
