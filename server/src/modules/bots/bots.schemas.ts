import { z } from 'zod';

const id = z.coerce.number().int().positive();
const name = z.string().trim().min(1).max(100);

/** Trimmed, without repeats that differ only in case (the first spelling stays). */
const distinctTexts = (items: string[]) => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export const botKind = z.enum(['builtin', 'webhook', 'dialogflow', 'llm']);

const settingsObject = z.record(z.string(), z.unknown());
const secretsObject = z.record(z.string(), z.string().max(4000));
const settingsHelp = "The kind's settings, validated by its schema: builtin (greeting, fallback, threshold, maxFailures, collect, handoffMessage), "
  + 'webhook (url, answerWithinSeconds, handoffMessage), dialogflow (projectId, languageCode, baseUrl, handoffParameter, handoffMessage), '
  + 'llm (baseUrl, model, instructions, handoffMessage). Omitted ones take their defaults.';
const secretsHelp = 'dialogflow: { accessToken }; llm: { apiKey }. Never returned. A webhook bot\'s signing secret is generated (see rotate-credentials).';

export const botDto = z.object({
  id: z.number(),
  name: z.string(),
  kind: botKind,
  settings: settingsObject.describe('Its kind\'s settings with today\'s defaults filled in'),
  hasSecrets: z.boolean().describe('Its secrets exist and are sealed; their values are never returned'),
  channels: z.array(z.object({ id: z.number(), name: z.string(), botEnabled: z.boolean() })).describe('Channels that point at this bot'),
  intentCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BotDto = z.infer<typeof botDto>;

export const botCredentialsDto = z
  .object({ apiToken: z.string(), signingSecret: z.string() })
  .describe('A webhook bot\'s API token (to answer through the API) and the secret that signs what we post to it: shown once');
export type BotCredentials = z.infer<typeof botCredentialsDto>;

export const botCreatedDto = z.object({ bot: botDto, credentials: botCredentialsDto.optional() });
export const botRotatedDto = z.object({ bot: botDto, credentials: botCredentialsDto });
export const botListDto = z.object({ items: z.array(botDto) });

export const createBotBody = z.strictObject({
  name,
  kind: botKind,
  settings: settingsObject.optional().describe(settingsHelp),
  secrets: secretsObject.optional().describe(secretsHelp),
});
export const updateBotBody = z.strictObject({
  name: name.optional(),
  settings: settingsObject.optional().describe('Merged over the current settings (a key set to null returns to its default), then validated'),
  secrets: secretsObject.optional().describe(`Replaces every secret of the bot; omitted: kept. ${secretsHelp}`),
});

const button = z.strictObject({ id: z.string().trim().min(1).max(64), title: z.string().trim().min(1).max(20) });

const answerFields = {
  text: z.string().trim().min(1).max(4000),
  buttons: z.array(button).max(10).optional().describe('Up to 3 as buttons; up to 10 as a menu (menu: true)'),
  menu: z.boolean().optional().describe('Show the buttons as a list; channels without lists get a numbered list'),
  attachmentId: z.number().int().positive().optional().describe('An upload of this workspace (POST /api/v1/attachments), sent with the text as its caption'),
};

const botAnswer = z.strictObject(answerFields).superRefine((answer, check) => {
  const buttons = answer.buttons ?? [];
  if (buttons.length > 3 && !answer.menu) check.addIssue({ code: 'custom', path: ['menu'], message: 'More than 3 options must be shown as a menu (menu: true)' });
  buttons.forEach((b, i) => {
    if (buttons.findIndex((other) => other.id === b.id) < i) check.addIssue({ code: 'custom', path: ['buttons', i, 'id'], message: 'Repeated button id' });
  });
});

const intentFields = {
  name: z.string().trim().min(1).max(200),
  examples: z.array(z.string().trim().min(1).max(300)).min(1).max(100).overwrite(distinctTexts)
    .describe('Phrases a customer might write (trimmed; repeats dropped)'),
  keywords: z.array(z.string().trim().min(1).max(100)).max(50).overwrite(distinctTexts).default([])
    .describe('Words that point strongly to this intent'),
  answer: botAnswer,
  handoff: z.boolean().default(false).describe('Matching it sends the answer, then hands the conversation to people'),
};

export const createIntentBody = z.strictObject(intentFields);
export const updateIntentBody = z.strictObject({
  name: intentFields.name.optional(),
  examples: intentFields.examples.optional(),
  keywords: intentFields.keywords.unwrap().optional(),
  answer: botAnswer.optional().describe('Replaces the whole answer'),
  handoff: z.boolean().optional(),
});
/** The list's own items are accepted as they are, so an exported matrix imports unchanged; ids and positions are ignored. */
const importedIntent = z.strictObject({
  ...intentFields,
  id: z.number().optional(),
  position: z.number().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export const replaceIntentsBody = z.strictObject({
  items: z.array(importedIntent).max(500).describe('The whole matrix, in order (the answer of GET …/intents is accepted as is)'),
});

export const intentDto = z.object({
  id: z.number(),
  name: z.string(),
  examples: z.array(z.string()),
  keywords: z.array(z.string()),
  answer: z.object(answerFields),
  handoff: z.boolean(),
  position: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntentDto = z.infer<typeof intentDto>;
export const intentListDto = z.object({ items: z.array(intentDto) });

export const tryBotBody = z.strictObject({
  text: z.string().trim().min(1).max(4000).describe('What a customer writes (for a tap: the button\'s title)'),
  payload: z.string().trim().min(1).max(64).optional().describe('A button or menu tap\'s id'),
});
export const tryBotResultDto = z.object({
  replies: z.array(z.object({ ...answerFields, text: z.string() })),
  intent: z.object({ id: z.number().optional(), name: z.string(), confidence: z.number() }).nullable().describe('The matched intent, or the closest one below the threshold'),
  outcome: z.string(),
  handoff: z.object({ reason: z.string(), note: z.string().optional() }).nullable(),
});

export const botIdParams = z.object({ id });
export const intentIdParams = z.object({ id, intentId: id });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export type CreateBotInput = z.infer<typeof createBotBody>;
export type UpdateBotInput = z.infer<typeof updateBotBody>;
export type IntentInput = z.infer<typeof createIntentBody>;
export type UpdateIntentInput = z.infer<typeof updateIntentBody>;
export type ReplaceIntentsInput = z.infer<typeof replaceIntentsBody>;
export type TryBotInput = z.infer<typeof tryBotBody>;
