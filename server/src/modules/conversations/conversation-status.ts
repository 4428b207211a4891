import { AppError, ErrorCode } from '../../platform/http/errors.js';

export type ConversationStatus = 'bot' | 'queued' | 'open' | 'snoozed' | 'closed';

/**
 * The status machine of the seeds: the bot answers first (`bot`), hands off to a team queue (`queued`),
 * an agent takes it (`open`), it may wait for the customer or a date (`snoozed`) and it ends (`closed`).
 */
const allowed: Record<ConversationStatus, readonly ConversationStatus[]> = {
  bot: ['queued', 'open', 'closed'],
  queued: ['open', 'bot', 'snoozed', 'closed'],
  open: ['queued', 'snoozed', 'closed', 'bot'],
  snoozed: ['open', 'queued', 'closed', 'bot'],
  closed: ['open', 'queued', 'bot'],
};

export const canTransition = (from: ConversationStatus, to: ConversationStatus) => allowed[from].includes(to);

/** The one function that applies the table; a refused move is a 409 naming both states. */
export function assertTransition(from: ConversationStatus, to: ConversationStatus): ConversationStatus {
  if (!canTransition(from, to)) {
    throw new AppError(ErrorCode.InvalidTransition, 409, `A ${from} conversation cannot become ${to}`, { from, to });
  }
  return to;
}

