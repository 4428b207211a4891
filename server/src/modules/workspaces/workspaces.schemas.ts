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

export const workspaceDto = z.object({
  id: z.number(),
  name: z.string(),
  timezone: z.string(),
  language: z.string(),
  reopenWindowMinutes: z.number(),
  createdAt: z.string(),
});
export type WorkspaceDto = z.infer<typeof workspaceDto>;

export const updateWorkspaceBody = z.object({
  name: workspaceName.optional(),
  timezone: timezone.optional(),
  language: workspaceLanguage.optional(),
  /** Minutes after close during which a customer message reopens the conversation (0: never, up to 30 days). */
  reopenWindowMinutes: z.number().int().min(0).max(43_200).optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceBody>;

export const createWorkspaceBody = z.object({ name: workspaceName });

export const workspaceResponse = z.object({ workspace: workspaceDto });
