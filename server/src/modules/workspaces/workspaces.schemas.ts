import { z } from 'zod';

export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const workspaceName = z.string().trim().min(1).max(120);
export const timezone = z.string().trim().refine(isTimeZone, 'Expected an IANA time zone such as America/Caracas');
export const workspaceLanguage = z.enum(['es', 'en']);

export const closingNotePolicy = z.enum(['disabled', 'optional', 'category', 'category_and_summary']);
export type ClosingNotePolicy = z.infer<typeof closingNotePolicy>;
export const CLOSING_MESSAGE_MAX = 1000;

export const workspaceDto = z.object({
  id: z.number(),
  name: z.string(),
  timezone: z.string(),
  language: z.string(),
  reopenWindowMinutes: z.number(),
  onlyAssigneeReplies: z.boolean(),
  closingNotePolicy,
  closingMessage: z.string().nullable(),
  closeResumesBot: z.boolean(),
  closeReleasesAssignee: z.boolean(),
  agentReplyPausesBot: z.boolean(),
  autoAwayMinutes: z.number(),
  autoOfflineMinutes: z.number(),
  createdAt: z.string(),
});
export type WorkspaceDto = z.infer<typeof workspaceDto>;

export const updateWorkspaceBody = z.object({
  name: workspaceName.optional(),
  timezone: timezone.optional(),
  language: workspaceLanguage.optional(),
  /** Minutes after close during which a customer message reopens the conversation (0: never, up to 30 days). */
  reopenWindowMinutes: z.number().int().min(0).max(43_200).optional(),
  /** Only the assignee replies to the customer; supervisors and up (and integrations) may still. */
  onlyAssigneeReplies: z.boolean().optional(),
  /** What closing asks for: nothing (no note at all), an optional note, a category, or a category and a summary. */
  closingNotePolicy: closingNotePolicy.optional(),
  /** Sent to the customer when the conversation is closed; null or empty: nothing is sent. */
  closingMessage: z.string().max(CLOSING_MESSAGE_MAX).nullable().optional(),
  /** On close the bot answers the customer's next message (where the channel has a bot). */
  closeResumesBot: z.boolean().optional(),
  /** On close the assignee is released, so the next message goes to the queue. */
  closeReleasesAssignee: z.boolean().optional(),
  /** An agent's reply to a conversation the bot has pauses the bot (agents resume it by hand); off: the bot keeps answering. */
  agentReplyPausesBot: z.boolean().optional(),
  /** Minutes without activity in the dashboard before a member shows as away. */
  autoAwayMinutes: z.number().int().min(1).max(240).optional(),
  /** Minutes away (idle) before a member shows as offline. */
  autoOfflineMinutes: z.number().int().min(1).max(1440).optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceBody>;

export const createWorkspaceBody = z.object({ name: workspaceName });

export const workspaceResponse = z.object({ workspace: workspaceDto });
