import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { invalidField } from '../invalid-field.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { insertWorkflow, preferredLanguage } from './workflows.repo.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { workflowEvent } from './workflow-events.js';
import { draftFromBody, emptyDraft } from './workflow-draft.js';
import { hookTokenFor } from './workflow-hook-token.js';
import { authoriseWorkflows } from './load-workflow.js';
import { findTemplate } from './templates/workflow-templates.js';
import type { CreateWorkflowInput, TemplateLanguage } from './workflows.schemas.js';

/** A new draft (from a definition, a template, an imported file or nothing); the caller has checked the permission. */
export async function insertDraft(ctx: UseCaseContext, draft: { name: string; description: string; definition: WorkflowDefinition }) {
  const { actor } = ctx;
  const id = await inTransaction(ctx, async (tx, emit) => {
    const row = await insertWorkflow(tx, {
      workspaceId: actor.workspaceId,
      name: draft.name,
      description: draft.description,
      draft: draft.definition as unknown as Record<string, unknown>,
      hookToken: hookTokenFor(null, draft.definition),
      createdBy: actor.userId,
    });
    emit(workflowEvent(actor, 'workflow.created', row));
    return row.id;
  });
  return loadWorkflowDto(ctx, id);
}

async function templateLanguage(ctx: UseCaseContext, asked?: TemplateLanguage): Promise<TemplateLanguage> {
  if (asked) return asked;
  const language = await preferredLanguage(ctx.db, ctx.actor.workspaceId, ctx.actor.userId);
  return language.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export async function createWorkflow(ctx: UseCaseContext, input: CreateWorkflowInput) {
  authoriseWorkflows(ctx, 'workflow.manage');
  if (input.templateId) {
    const template = findTemplate(input.templateId);
    if (!template) throw invalidField('body.templateId', `no template "${input.templateId}" (see GET /api/v1/workflow-templates)`);
    const lang = await templateLanguage(ctx, input.lang);
    return insertDraft(ctx, {
      name: input.name ?? template.name[lang],
      description: input.description ?? template.description[lang],
      definition: template.definition(lang),
    });
  }
  return insertDraft(ctx, {
    name: input.name!,
    description: input.description ?? '',
    definition: input.definition ? draftFromBody(input.definition) : emptyDraft(),
  });
}
