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

export const snippetScope = z.enum(['workspace', 'personal']);

export const snippetDto = z.object({
  id: z.number(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  scope: snippetScope,
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
  scope: snippetScope.default('personal').describe('`workspace` snippets are managed by admins; `personal` ones by their owner'),
});
export const updateSnippetBody = z.strictObject({ shortcut: shortcut.optional(), title: title.optional(), body: body.optional() });

export const snippetIdParams = z.object({ id: z.coerce.number().int().positive() });
export const renderParams = z.object({ id: z.coerce.number().int().positive(), snippetId: z.coerce.number().int().positive() });

export const snippetListDto = z.object({ items: z.array(snippetDto) });
export const renderedDto = z.object({ body: z.string() });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export type CreateSnippetInput = z.infer<typeof createSnippetBody>;
export type UpdateSnippetInput = z.infer<typeof updateSnippetBody>;
