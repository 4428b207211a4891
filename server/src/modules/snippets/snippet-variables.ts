import { renderTemplate, type TemplateVars } from '../workflows/definition/render-template.js';

/**
 * Snippet variables: `{{contact.first_name}}` and friends, filled for one conversation and the agent who
 * uses the snippet. The rules (missing values, unknown names, accents) are render-template.ts's, the same
 * as workflow messages and HTTP steps; what is snippet-specific is which values they see and that
 * booleans read as words of the workspace's language.
 */

export interface SnippetContext {
  contact: { name: string; email: string | null; phone: string | null; documentNumber: string | null; customFields: Record<string, unknown> };
  /** The acting user; null for an API token. */
  agent: { name: string; email: string } | null;
  workspace: { name: string; language: string };
  conversation: { id: number };
  /** The conversation's team (seed 000: "desde el departamento …"); null when it has none. */
  team?: { name: string } | null;
}

/**
 * The variables a snippet body may use, for the editor's list. Each custom field adds
 * `contact.fields.<key>`, also readable as `contact.<key>` when no built-in name takes it.
 */
export const SNIPPET_VARIABLES = [
  'contact.name', 'contact.first_name', 'contact.email', 'contact.phone', 'contact.document_number',
  'agent.name', 'agent.first_name', 'agent.email', 'team.name', 'workspace.name', 'conversation.id',
] as const;

function snippetTemplateVars(c: SnippetContext): TemplateVars {
  const { customFields, ...contact } = c.contact;
  return { contact: { ...contact, fields: customFields }, agent: c.agent, team: c.team ?? null, workspace: c.workspace, conversation: c.conversation };
}

export function renderSnippetBody(body: string, c: SnippetContext): string {
  return renderTemplate(body, snippetTemplateVars(c), { language: c.workspace.language });
}
