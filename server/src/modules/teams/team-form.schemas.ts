import { z } from 'zod';

export const formFieldTypes = ['text', 'number', 'select', 'date', 'checkbox'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** Most fields one team's form holds: a form longer than this is not filled during a conversation. */
export const MAX_FORM_FIELDS = 30;

export const formFieldDto = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(formFieldTypes),
  options: z.array(z.string()).describe('The choices of a select (empty for other types)'),
  required: z.boolean().describe('Closing the conversation asks for it'),
});
export type FormFieldDto = z.infer<typeof formFieldDto>;

export const teamFormDto = z.object({ teamId: z.number(), fields: z.array(formFieldDto) });
export type TeamFormDto = z.infer<typeof teamFormDto>;

const formField = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _, starting with a letter (at most 40)'),
  label: z.string().trim().min(1).max(80),
  type: z.enum(formFieldTypes),
  options: z.array(z.string().trim().min(1).max(100)).max(100).optional().describe('The choices of a select (required for it; ignored for other types)'),
  required: z.boolean().default(false),
});
export type FormFieldInput = z.infer<typeof formField>;

export const setTeamFormBody = z.strictObject({
  fields: z.array(formField).max(MAX_FORM_FIELDS).describe('The whole form, in the order it is shown; replaces the previous one'),
});
