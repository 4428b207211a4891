import type { Role } from '../../../app/auth';
import type { Conversation } from '../../inbox/conversations.api';

export interface ComposerAccess {
  /** Whether a reply to the customer may be written here (notes always may). */
  reply: boolean;
  reason: 'closed' | 'held' | null;
  /** Who holds the conversation when it is another agent's. */
  holder: { id: number; name: string } | null;
  /** Supervisors and up may take a held conversation over; agents may not (the server answers 409). */
  mayTakeOver: boolean;
}

export const isSupervisorUp = (role: Role) => role === 'owner' || role === 'admin' || role === 'supervisor';

/**
 * What the composer offers. A conversation another agent holds (not closed, assigned to someone else)
 * offers only private notes, so nobody answers over a colleague (seed 004: an open conversation is its
 * agent's); a closed one offers notes and Reopen.
 */
export function composerAccess(c: Pick<Conversation, 'status' | 'assignee'>, me: { id: number; role: Role }): ComposerAccess {
  if (c.status === 'closed') return { reply: false, reason: 'closed', holder: null, mayTakeOver: false };
  if (c.assignee && c.assignee.id !== me.id) {
    return { reply: false, reason: 'held', holder: { id: c.assignee.id, name: c.assignee.name }, mayTakeOver: isSupervisorUp(me.role) };
  }
  return { reply: true, reason: null, holder: null, mayTakeOver: false };
}
