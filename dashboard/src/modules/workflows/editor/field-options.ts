import type { TFunction } from 'i18next';
import type { ContactField, ContactFieldType } from '../../settings/contact-fields.api';

/** Contact fields every contact has (render-template.ts and the conditions read them by these names). */
export const BUILT_IN_FIELDS = ['name', 'email', 'phone', 'document_number', 'language'] as const;

export const CHANNEL_TYPES = ['whatsapp', 'webchat', 'messenger', 'instagram', 'telegram', 'twilio', 'email', 'voice', 'forms', 'api'] as const;

type Option = { value: string; label: string };
type OptionGroup = { group: string; items: Option[] };

/**
 * Options of a contact-field select: the built-in fields (unless `customOnly`), then the custom ones (of `types`
 * when given). A value no list holds (an imported workflow's) stays selectable rather than vanishing.
 */
export function contactFieldOptions(
  t: TFunction,
  fields: ContactField[],
  current: string | null | undefined,
  options: { extraBuiltIns?: string[]; customOnly?: boolean; types?: ContactFieldType[] } = {},
): OptionGroup[] {
  const builtIns = options.customOnly ? [] : [...BUILT_IN_FIELDS, ...(options.extraBuiltIns ?? [])];
  const custom = fields.filter((f) => !options.types || options.types.includes(f.type));
  const groups: OptionGroup[] = [
    { group: t('workflows.fieldGroups.builtIn'), items: builtIns.map((key) => ({ value: key, label: t(`workflows.builtInFields.${key}`) })) },
    { group: t('workflows.fieldGroups.custom'), items: custom.map((f) => ({ value: f.key, label: f.label })) },
  ].filter((g) => g.items.length);
  if (current && !groups.some((g) => g.items.some((i) => i.value === current))) groups.push({ group: t('workflows.fieldGroups.other'), items: [{ value: current, label: current }] });
  return groups;
}

/** A list of names as select options, keeping values that are not in it (a removed tag or category). */
export function nameOptions(names: string[], current: Array<string | null | undefined>): string[] {
  return [...new Set([...names, ...current.filter((v): v is string => Boolean(v))])];
}
