import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, badRequest, notFound } from '../../platform/http/errors.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import type { ClosingNotePolicy } from '../workspaces/workspaces.schemas.js';
import { findChannelById, type ChannelRow } from '../channels/channels.repo.js';
import { sendClosingMessage } from '../messages/send-closing-message.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';
import { closingCategoryExists } from './conversations.repo.js';
import { findMissingRequiredFields } from './conversation-form.repo.js';

export interface CloseInput {
  /** The closing note (seeds 000 and 003): a category from the workspace's list and a summary. */
  category?: string;
  summary?: string;
}

type Note = { category: string | null; summary: string | null };

/**
 * The workspace's closing-note policy: `disabled` takes no note at all (400 naming what was sent), `optional` takes
 * what comes, `category` and `category_and_summary` answer 422 `closing_note_required` naming what is missing.
 */
function assertClosingNote(policy: ClosingNotePolicy, note: Note) {
  if (policy === 'disabled') {
    const sent = (['category', 'summary'] as const).filter((f) => note[f] !== null);
    if (sent.length) throw badRequest('This workspace closes conversations without a closing note', sent.map((field) => ({ field, message: 'closing notes are disabled' })));
    return;
  }
  const required = policy === 'category' ? (['category'] as const) : policy === 'category_and_summary' ? (['category', 'summary'] as const) : [];
  const missing = required.filter((f) => note[f] === null);
  if (missing.length) {
    throw new AppError(ErrorCode.ClosingNoteRequired, 422, `Closing needs a closing note with: ${missing.join(', ')}`, missing.map((field) => ({ field, message: 'required' })));
  }
}

/**
 * Close (seed 003's "finalizar"), as the workspace says: the closing note its policy asks for and the team form's
 * required fields; then, each a setting, the assignee released (the closed conversation stays theirs, in their
 * lists and reports, but the customer's next message reopens it for the bot or the queue: ingest-inbound.ts), the bot resumed where the channel has one (seed 000's
 * "enganchar el robot": the customer's next message goes to the bot), and the closing message sent to the customer.
 */
export async function closeConversation(ctx: UseCaseContext, id: number, input: CloseInput) {
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const note: Note = { category: input.category?.trim() || null, summary: input.summary?.trim() || null };
  assertClosingNote(workspace.closingNotePolicy, note);
  if (note.category && !(await closingCategoryExists(ctx.db, ctx.actor.workspaceId, note.category))) {
    throw badRequest(`Unknown closing category "${note.category}"`, [{ field: 'category', message: 'not a closing category of this workspace' }]);
  }

  const now = ctx.clock.now();
  let channel: ChannelRow | undefined;
  return changeConversation(
    ctx,
    id,
    'conversation.update',
    async (c, tx) => {
      const status = assertTransition(c.status, 'closed');
      const missing = await findMissingRequiredFields(tx, c.workspaceId, c.id, c.teamId);
      if (missing.length) {
        throw new AppError(ErrorCode.FormIncomplete, 422, `The team's form needs: ${missing.map((f) => f.label).join(', ')}`, missing.map((f) => ({ field: `form.${f.key}`, message: `${f.label} is required` })));
      }
      channel = await findChannelById(tx, c.channelId);
      const botResumed = workspace.closeResumesBot && Boolean(channel?.botEnabled) && !c.botActive;
      return {
        patch: {
          status,
          closedAt: now,
          closedBy: ctx.actor.userId,
          closingCategory: note.category,
          closingSummary: note.summary,
          snoozeMode: null,
          snoozedUntil: null,
          unreadCount: 0,
          ...(botResumed ? { botActive: true } : {}),
          // Closed while the bot had it: a bot resolution. Either way, the bot starts afresh next time.
          ...(c.status === 'bot' ? { botResolvedAt: now } : {}),
          botState: null,
        },
        type: 'conversation.closed',
        activity: { action: 'closed', ...note, ...(botResumed ? { botResumed } : {}) },
        payload: { category: note.category },
      };
    },
    async (after, tx, emit) => {
      if (workspace.closingMessage) await sendClosingMessage(ctx, tx, emit, after, channel, workspace.closingMessage);
    },
  );
}
