import { z } from 'zod';

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'Letters, digits, -, _ and . only (typed after / in the composer)');
const title = z.string().trim().max(120);
const body = z.string().trim().min(1).max(10_000);

export const snippetScope = z.enum(['workspace', 'team', 'personal']);
/** What sending the snippet also does: `resume_bot` hands the conversation back to the bot (seed 000's "enganchar el robot"). */
export const snippetAction = z.enum(['resume_bot']);
export type SnippetAction = z.infer<typeof snippetAction>;
const action = snippetAction.nullable().describe('`resume_bot`: once the message with this snippet is sent, the composer resumes the bot; null: nothing');

export const snippetDto = z.object({
  id: z.number(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  scope: snippetScope,
  /** The team that shares it (scope `team`). */
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  action: snippetAction.nullable(),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type SnippetDto = z.infer<typeof snippetDto>;

export const listSnippetsQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('Shortcut, title or text; shortcuts starting with q come first'),
});
export const createSnippetBody = z.strictObject({
  shortcut,
  title: title.optional().describe('Defaults to the shortcut'),
  body,
  scope: snippetScope.default('personal').describe('`workspace` and `team` snippets are managed by admins; `personal` ones by their owner'),
  teamId: z.number().int().positive().optional().describe('The team that shares a `team` snippet (its members use it)'),
  action: action.optional(),
});
export const updateSnippetBody = z.strictObject({ shortcut: shortcut.optional(), title: title.optional(), body: body.optional(), action: action.optional() });

export const snippetIdParams = z.object({ id: z.coerce.number().int().positive() });
export const renderParams = z.object({ id: z.coerce.number().int().positive(), snippetId: z.coerce.number().int().positive() });

export const snippetListDto = z.object({ items: z.array(snippetDto) });
export const renderedDto = z.object({ body: z.string() });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export type CreateSnippetInput = z.infer<typeof createSnippetBody>;
export type UpdateSnippetInput = z.infer<typeof updateSnippetBody>;
