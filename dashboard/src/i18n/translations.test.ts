import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localeSources, mergedLocales } from './locales';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flatten(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const { es, en } = mergedLocales();
const esKeys = flatten(es);
const enKeys = flatten(en);
const known = new Set(esKeys.map((k) => k.replace(pluralSuffix, '')));

describe('translations', () => {
  it('each top-level key lives in one file per language', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const { file, language, tree } of localeSources) {
      for (const key of Object.keys(tree)) {
        const owner = owners.get(`${language}:${key}`);
        if (owner) clashes.push(`${key}: ${owner} and ${file}`);
        owners.set(`${language}:${key}`, file);
      }
    }
    expect(clashes).toEqual([]);
    expect(new Set(localeSources.map((s) => s.language))).toEqual(new Set(['es', 'en']));
  });

  it('es and en have the same keys', () => {
    expect(enKeys.filter((k) => !esKeys.includes(k))).toEqual([]);
    expect(esKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('no translation is empty', () => {
    const empty = (tree: object) => flatten(tree).filter((k) => !k.split('.').reduce<any>((node, part) => node[part], tree));
    expect(empty(es)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('every literal key the code asks for exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const code = fs.readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(match[1]!)) missing.push(`${path.relative(srcDir, file)}: ${match[1]}`);
      }
      // Keys built from a value (`roles.${role}`): the prefix must name a group.
      for (const match of code.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
        if (!esKeys.some((k) => k.startsWith(`${match[1]}.`))) missing.push(`${path.relative(srcDir, file)}: ${match[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('user text is never injected as HTML', () => {
    const offenders = sourceFiles(srcDir).filter((file) => fs.readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'));
    expect(offenders).toEqual([]);
  });
});
