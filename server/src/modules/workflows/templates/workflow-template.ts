import type { z } from 'zod';
import { workflowDefinition, type TriggerType, type WorkflowDefinition } from '../definition/workflow-definition.js';
import type { TemplateLanguage } from '../workflows.schemas.js';

/** A definition as written in a template file: defaults may be left out, the schema fills them. */
export type DefinitionInput = z.input<typeof workflowDefinition>;
type PerLanguage<T> = Record<TemplateLanguage, T>;

/**
 * A shipped workflow to start from (seed 003's "Plantillas de flujos"). Its texts are Spanish for `es` and English
 * for `en`. Team, agent and credential settings are left empty: the editor asks for them (publishing reports them
 * as missing_setting until then).
 */
export interface WorkflowTemplate {
  id: string;
  /** Templates meant to be used together share a group (the CRM hand-off, started three ways). */
  group: string | null;
  triggerType: TriggerType;
  name: PerLanguage<string>;
  description: PerLanguage<string>;
  definition(lang: TemplateLanguage): WorkflowDefinition;
}

export function defineTemplate(t: {
  id: string;
  group?: string;
  name: PerLanguage<string>;
  description: PerLanguage<string>;
  definition: (lang: TemplateLanguage) => DefinitionInput;
}): WorkflowTemplate {
  // Parsed once, when the catalogue loads: a template that does not fit the schema fails every test at once.
  const parsed: PerLanguage<WorkflowDefinition> = { es: workflowDefinition.parse(t.definition('es')), en: workflowDefinition.parse(t.definition('en')) };
  return {
    id: t.id,
    group: t.group ?? null,
    triggerType: parsed.es.trigger.type,
    name: t.name,
    description: t.description,
    definition: (lang) => structuredClone(parsed[lang]),
  };
}
