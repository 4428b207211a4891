import { z } from 'zod';
import { formFieldDto } from '../teams/team-form.schemas.js';
import { listQuery } from './conversations.schemas.js';

/** Longest text one form value holds. */
export const MAX_FORM_TEXT = 2000;

const formValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const teamForm = z.object({ teamId: z.number(), fields: z.array(formFieldDto), values: formValues });

export const conversationFormDto = z.object({
  current: teamForm.nullable().describe("The form of the conversation's team and what has been filled in it; null when it has no team"),
  earlier: z
    .array(teamForm.extend({ teamName: z.string(), updatedAt: z.string() }))
    .describe('What other teams filled before the conversation was transferred (kept per team)'),
});
export type ConversationFormDto = z.infer<typeof conversationFormDto>;

export const saveConversationFormBody = z.strictObject({
  teamId: z.number().int().positive().optional().describe("Whose form (default: the conversation's team)"),
  values: z
    .record(z.string().max(40), z.union([z.string().max(MAX_FORM_TEXT), z.number(), z.boolean(), z.null()]))
    .refine((v) => Object.keys(v).length <= 100, 'At most 100 values at once')
    .describe('Values by field key; merged into what is saved; null or empty text clears a value'),
});
export type SaveConversationFormInput = z.infer<typeof saveConversationFormBody>;

export const exportQuery = listQuery.omit({ cursor: true, limit: true }).extend({
  lang: z.enum(['es', 'en']).default('es').describe('Language of the headers and the words in cells'),
  delimiter: z
    .enum(['comma', 'semicolon'])
    .default('comma')
    .describe('Semicolon for spreadsheets set to a decimal comma (Excel in most Spanish-speaking countries); numbers then use a decimal comma too'),
});
