/**
 * Snippet variables: `{{contact.first_name}}` and friends, filled for one conversation and the agent
 * who uses the snippet. Pure, so the rules (missing values, unknown names, accents) are unit-tested.
 */

export type CustomFieldValue = string | number | boolean;

export interface SnippetContext {
  contact: { name: string; email: string | null; phone: string | null; documentNumber: string | null; customFields: Record<string, unknown> };
  /** The acting user; null for an API token. */
  agent: { name: string; email: string } | null;
  workspace: { name: string; language: string };
  conversation: { id: number };
  /** The conversation's team (seed 000: "desde el departamento …"); null when it has none. */
  team?: { name: string } | null;
}

/** The variables a snippet body may use, for the editor's list (custom fields add `contact.<key>`). */
export const SNIPPET_VARIABLES = [
  'contact.name', 'contact.first_name', 'contact.email', 'contact.phone', 'contact.document_number',
  'agent.name', 'agent.first_name', 'agent.email', 'team.name', 'workspace.name', 'conversation.id',
] as const;

/** The first word of a name ("María José Pérez" → "María"); empty when there is no name. */
export function firstName(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

const yesNo: Record<string, [string, string]> = { es: ['sí', 'no'], en: ['yes', 'no'], pt: ['sim', 'não'] };

function customValue(value: unknown, language: string): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') {
    const [yes, no] = yesNo[language.slice(0, 2).toLowerCase()] ?? yesNo.es;
    return value ? yes : no;
  }
  return undefined;
}

/** Every variable's value by name; NFC-normalised keys so an accented key matches however it was typed. */
export function snippetValues(c: SnippetContext): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(c.contact.customFields ?? {})) {
    const text = customValue(value, c.workspace.language);
    if (text !== undefined) values.set(`contact.${key.normalize('NFC')}`, text);
  }
  // Built-in names win over custom fields that happen to share them.
  const builtIn: Record<string, string | null | undefined> = {
    'contact.name': c.contact.name,
    'contact.first_name': firstName(c.contact.name),
    'contact.email': c.contact.email,
    'contact.phone': c.contact.phone,
    'contact.document_number': c.contact.documentNumber,
    'agent.name': c.agent?.name,
    'agent.first_name': firstName(c.agent?.name),
    'agent.email': c.agent?.email,
    'team.name': c.team?.name,
    'workspace.name': c.workspace.name,
    'conversation.id': String(c.conversation.id),
  };
  for (const [key, value] of Object.entries(builtIn)) values.set(key, value ?? '');
  return values;
}

const variable = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * Replaces each `{{name}}` (spaces inside the braces allowed) with its value. A missing value and an
 * unknown name both become empty text: the customer never sees a raw `{{…}}`.
 */
export function renderSnippetBody(body: string, values: Map<string, string>): string {
  return body.replace(variable, (_, raw: string) => {
    const name = raw.normalize('NFC');
    return values.get(name) ?? values.get(name.toLowerCase()) ?? '';
  });
}
