import type { Me, Role } from '../../../app/auth';
import type { Conversation } from '../../inbox/conversations.api';

export interface ComposerAccess {
  /** Whether a reply to the customer may be written here (notes always may). */
  reply: boolean;
  /** Why the composer shows a notice: closed, another agent holds it, or it must be taken before replying. */
  reason: 'closed' | 'held' | 'unassigned' | null;
  /** Who holds the conversation when it is another agent's. */
  holder: { id: number; name: string } | null;
  /** Supervisors and up may take a held conversation over; agents may not (the server answers 409). */
  mayTakeOver: boolean;
}

/** Who is writing, with the workspace's ownership setting (only the assignee replies). */
export interface ComposerViewer {
  id: number;
  role: Role;
  onlyAssigneeReplies?: boolean;
}

export const isSupervisorUp = (role: Role) => role === 'owner' || role === 'admin' || role === 'supervisor';

export const composerViewer = (me: Me): ComposerViewer => ({ id: me.user.id, role: me.role, onlyAssigneeReplies: me.workspace.onlyAssigneeReplies ?? false });

/**
 * What the composer offers; it follows the server's ownership rule. Where only the assignee replies (a workspace
 * setting), an agent may only leave notes in a conversation another agent holds, and takes an unassigned one before
 * replying; supervisors and up reply anyway (they are told who holds it and may take it over). Without the setting
 * anyone who sees the conversation replies. A closed one offers notes and Reopen.
 */
export function composerAccess(c: Pick<Conversation, 'status' | 'assignee'>, me: ComposerViewer): ComposerAccess {
  if (c.status === 'closed') return { reply: false, reason: 'closed', holder: null, mayTakeOver: false };
  const open: ComposerAccess = { reply: true, reason: null, holder: null, mayTakeOver: false };
  if (!me.onlyAssigneeReplies || c.assignee?.id === me.id) return open;
  const supervisor = isSupervisorUp(me.role);
  if (c.assignee) return { reply: supervisor, reason: 'held', holder: { id: c.assignee.id, name: c.assignee.name }, mayTakeOver: supervisor };
  return supervisor ? open : { reply: false, reason: 'unassigned', holder: null, mayTakeOver: false };
}
