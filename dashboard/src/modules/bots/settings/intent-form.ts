import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../auth/validation';
import { clean, text } from '../../settings/settings-validation';
import type { Intent, IntentButton, IntentInput } from '../bots.api';

/** The intent modal's fields: examples one per line, keywords separated by commas. */
export interface IntentForm {
  name: string;
  examples: string;
  keywords: string;
  text: string;
  buttons: IntentButton[];
  menu: boolean;
  handoff: boolean;
  /** A file sent with the answer (an upload), and its name when uploaded here. */
  attachmentId: number | null;
  attachmentName: string | null;
}

export type IntentField = 'name' | 'examples' | 'keywords' | 'text' | 'buttons' | 'menu';
export const intentFields: IntentField[] = ['name', 'examples', 'keywords', 'text', 'buttons', 'menu'];

export const MAX_BUTTON_TITLE = 20;
/** A button's id is its target's name, which the API takes up to this long. */
const MAX_BUTTON_ID = 64;
const MAX_BUTTONS = 3;
const MAX_MENU = 10;

/** The form for an intent, or for a new one starting from a customer's question. */
export function intentFormFor(intent: Intent | null, example?: string): IntentForm {
  return {
    name: intent?.name ?? '',
    examples: intent ? intent.examples.join('\n') : (example ?? ''),
    keywords: intent?.keywords.join(', ') ?? '',
    text: intent?.answer.text ?? '',
    buttons: intent?.answer.buttons ?? [],
    menu: intent?.answer.menu ?? false,
    handoff: intent?.handoff ?? false,
    attachmentId: intent?.answer.attachmentId ?? null,
    attachmentName: null,
  };
}

export const linesOf = (value: string) => value.split('\n').map((line) => line.trim()).filter(Boolean);
export const keywordsOf = (value: string) => value.split(',').map((word) => word.trim()).filter(Boolean);

/** A button that answers the intent named `name`, titled with its name (as much of it as fits). */
export const buttonTo = (name: string): IntentButton => ({ id: name, title: name.slice(0, MAX_BUTTON_TITLE).trim() });

/** The intents a button may lead to: the others of the matrix whose name can be a button's id. */
export function buttonTargets(intents: Intent[], self: Intent | null): string[] {
  return intents.filter((i) => i.id !== self?.id && i.name.length <= MAX_BUTTON_ID).map((i) => i.name);
}

/** What the API takes; the answer is replaced whole, so the form carries the attached file too. */
export function intentInputOf(form: IntentForm): IntentInput {
  const buttons = form.buttons.map((b) => ({ id: b.id, title: b.title.trim() }));
  return {
    name: form.name.trim(),
    examples: linesOf(form.examples),
    keywords: keywordsOf(form.keywords),
    answer: {
      text: form.text.trim(),
      ...(buttons.length > 0 && { buttons }),
      ...(buttons.length > 0 && form.menu && { menu: true }),
      ...(form.attachmentId !== null && { attachmentId: form.attachmentId }),
    },
    handoff: form.handoff,
  };
}

/** Mirrors the server's schema, and refuses a name another intent has (buttons find their intent by name). */
export function validateIntent(t: TFunction, form: IntentForm, otherNames: string[]): FieldErrors<IntentField> {
  const examples = linesOf(form.examples);
  const keywords = keywordsOf(form.keywords);
  const name = form.name.trim().toLowerCase();
  const buttons = form.buttons;
  return clean({
    name: text(t, form.name, 200) ?? (otherNames.some((n) => n.toLowerCase() === name) ? t('bots.intent.nameTaken') : undefined),
    examples: !examples.length
      ? t('validation.required')
      : examples.length > 100
        ? t('bots.intent.tooMany', { count: 100 })
        : examples.some((e) => e.length > 300)
          ? t('bots.intent.lineTooLong', { count: 300 })
          : undefined,
    keywords: keywords.length > 50 ? t('bots.intent.tooMany', { count: 50 }) : keywords.some((k) => k.length > 100) ? t('bots.intent.lineTooLong', { count: 100 }) : undefined,
    text: text(t, form.text, 4000),
    buttons:
      buttons.length > MAX_MENU
        ? t('bots.intent.tooMany', { count: MAX_MENU })
        : buttons.some((b) => !b.title.trim() || b.title.trim().length > MAX_BUTTON_TITLE)
          ? t('bots.intent.buttonTitleInvalid', { count: MAX_BUTTON_TITLE })
          : undefined,
    menu: buttons.length > MAX_BUTTONS && !form.menu ? t('bots.intent.menuNeeded', { count: MAX_BUTTONS }) : undefined,
  });
}
