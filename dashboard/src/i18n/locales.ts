import es from './es.json';
import en from './en.json';

export type Tree = { [key: string]: string | Tree };

/**
 * The translations: the shell's (`i18n/es.json`, `i18n/en.json`) and each module's own
 * (`modules/<module>/locales/{es,en}.json`, whose top-level keys are the module's namespaces), so
 * modules are translated next to their code. A top-level key lives in one file only.
 */
const moduleFiles = import.meta.glob<Tree>('../modules/*/locales/*.json', { eager: true, import: 'default' });

export interface LocaleSource {
  file: string;
  language: string;
  tree: Tree;
}

export const localeSources: LocaleSource[] = [
  { file: 'i18n/es.json', language: 'es', tree: es as Tree },
  { file: 'i18n/en.json', language: 'en', tree: en as Tree },
  ...Object.entries(moduleFiles).map(([file, tree]) => ({ file: file.replace('../', ''), language: file.split('/').pop()!.replace('.json', ''), tree })),
];

export function mergedLocales(): Record<string, Tree> {
  const merged: Record<string, Tree> = {};
  for (const { language, tree } of localeSources) merged[language] = { ...merged[language], ...tree };
  return merged;
}
