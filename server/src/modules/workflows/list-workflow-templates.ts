import type { UseCaseContext } from '../use-case.js';
import { WORKFLOW_TEMPLATES } from './templates/workflow-templates.js';
import { authoriseWorkflows } from './load-workflow.js';
import type { TemplateLanguage } from './workflows.schemas.js';

export function listWorkflowTemplates(ctx: UseCaseContext, lang: TemplateLanguage) {
  authoriseWorkflows(ctx, 'workflow.read');
  return {
    items: WORKFLOW_TEMPLATES.map((t) => ({ id: t.id, name: t.name[lang], description: t.description[lang], triggerType: t.triggerType, group: t.group })),
  };
}
