import { z } from 'zod';
import { PROBLEM_CODES } from './definition/workflow-problems.js';

const id = z.coerce.number().int().positive();
const name = z.string().trim().min(1).max(120);
const description = z.string().trim().max(1000);
/**
 * A definition travels as plain JSON and is shape-checked by parseWorkflowDefinition in the use case (depth-guarded,
 * defaults filled), so a malformed one answers 400 with the paths of what is wrong.
 */
const definitionJson = z.record(z.string(), z.unknown()).describe('A workflow definition: { version: 1, trigger, steps } (see the workflow editor)');
export const templateLanguage = z.enum(['es', 'en']);
export type TemplateLanguage = z.infer<typeof templateLanguage>;

export const workflowStatus = z.enum(['draft', 'published', 'stopped']);
export const runStatus = z.enum(['running', 'waiting', 'completed', 'failed', 'stopped']);

export const problemDto = z.object({
  stepId: z.string().optional(),
  path: z.string(),
  code: z.enum(PROBLEM_CODES),
  message: z.string(),
});

export const workflowSummaryDto = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  status: workflowStatus,
  version: z.number().describe('The published version\'s number; 0: never published'),
  triggerType: z.string().nullable().describe('The draft\'s trigger type'),
  hasUnpublishedChanges: z.boolean().describe('The draft differs from the published version (always true before the first publish)'),
  runs: z.object({ active: z.number(), total: z.number() }).describe('Runs of any version, test runs aside'),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type WorkflowSummaryDto = z.infer<typeof workflowSummaryDto>;

export const workflowDto = workflowSummaryDto.extend({
  draft: definitionJson,
  published: definitionJson.nullable(),
  hookUrl: z.string().nullable().describe('The incoming-webhook trigger\'s URL with its token: admins only, once published'),
  problems: z.array(problemDto).describe('What publishing the draft would refuse now; empty when it is ready'),
});
export type WorkflowDto = z.infer<typeof workflowDto>;

export const workflowListDto = z.object({ items: z.array(workflowSummaryDto) });

export const createWorkflowBody = z
  .strictObject({
    name: name.optional().describe('Required unless templateId is given (then the template\'s name)'),
    description: description.optional(),
    definition: definitionJson.optional().describe('Omitted: an empty draft started when a conversation opens'),
    templateId: z.string().trim().min(1).max(100).optional().describe('Start from a shipped template (GET /workflow-templates)'),
    lang: templateLanguage.optional().describe('The template\'s language; defaults to mine, then the workspace\'s'),
  })
  .superRefine((body, check) => {
    if (!body.name && !body.templateId) check.addIssue({ code: 'custom', path: ['name'], message: 'Give the workflow a name' });
    if (body.definition && body.templateId) check.addIssue({ code: 'custom', path: ['templateId'], message: 'Give a definition or a template, not both' });
  });
export type CreateWorkflowInput = z.infer<typeof createWorkflowBody>;

export const updateWorkflowBody = z.strictObject({ name: name.optional(), description: description.optional(), definition: definitionJson.optional() });
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowBody>;

export const importWorkflowBody = z.strictObject({
  file: z.union([z.string().max(2_000_000), z.record(z.string(), z.unknown())]).describe('The exported file: its text or its JSON'),
});

export const exportQuery = z.object({
  includeSecrets: z.enum(['true', 'false']).transform((v) => v === 'true').optional()
    .describe('Keep credentials of HTTP steps (admins only; a private backup). Default: left out'),
});
export const workflowFileDto = z.object({
  atiende: z.literal('workflow'),
  version: z.number(),
  name: z.string(),
  description: z.string(),
  definition: definitionJson,
});

export const versionListDto = z.object({
  items: z.array(z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.object({ id: z.number(), name: z.string() }).nullable() })),
});

export const runDto = z.object({
  id: z.number(),
  version: z.number(),
  status: runStatus,
  contact: z.object({ id: z.number(), name: z.string() }).nullable(),
  conversationId: z.number().nullable(),
  test: z.boolean(),
  error: z.string().nullable(),
  stepsRun: z.number(),
  cursor: z.object({
    stepId: z.string(),
    waiting: z.object({ for: z.string(), until: z.string().nullable() }).optional(),
  }).nullable().describe('The step to run next, or the one it waits in'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunDto = z.infer<typeof runDto>;

export const runStepDto = z.object({
  id: z.number(),
  stepId: z.string(),
  stepType: z.string(),
  outcome: z.string().describe('ok, failed, waiting, timeout, skipped or branch'),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const runDetailDto = runDto.extend({ steps: z.array(runStepDto), vars: z.record(z.string(), z.unknown()) });

export const listRunsQuery = z.object({
  status: runStatus.optional(),
  test: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Only test runs (true) or only real ones (false)'),
  before: id.optional().describe('Runs older than this id (the next page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const runListDto = z.object({ items: z.array(runDto), nextBefore: z.number().nullable() });

export const testRunBody = z.strictObject({ contactId: z.number().int().positive(), conversationId: z.number().int().positive().optional() });

export const templatesQuery = z.object({ lang: templateLanguage.default('es') });
export const templateListDto = z.object({
  items: z.array(z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    triggerType: z.string(),
    group: z.string().nullable().describe('Templates meant to be used together (one hand-off started three ways) share a group'),
  })),
});

export const workflowIdParams = z.object({ id });
export const runIdParams = z.object({ runId: id });
export const conversationParams = z.object({ id });
export const conversationWorkflowParams = z.object({ id, workflowId: id });
export const shortcutListDto = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });
export const startedDto = z.object({ runId: z.number() });
export const deletedDto = z.object({ id: z.number(), deleted: z.literal(true) });

export const hookParams = z.object({ token: z.string().max(200) });
export const hookBody = z.record(z.string(), z.unknown()).describe('Any JSON object: the trigger reads the contact and the variables from it');
export const hookResultDto = z.union([z.object({ runId: z.number() }), z.object({ skipped: z.string() })]);
