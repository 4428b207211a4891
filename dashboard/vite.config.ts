/// <reference types="vitest/config" />
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Issue #3's quality bar: the JS a first visit downloads stays under this, gzipped. */
const INITIAL_JS_BUDGET_KB = 350;

type OutputChunk = { type: 'chunk'; code: string; isEntry: boolean; imports: string[]; fileName: string };
type OutputAsset = { type: 'asset'; source: string | Uint8Array; fileName: string };

const gzipKb = (source: string | Uint8Array) => gzipSync(source, { level: 9 }).length / 1024;

/**
 * Prints the gzipped size of the initial JS (entry chunks and everything they import statically) and of the
 * lazily loaded rest, and fails the build when the initial JS exceeds the budget.
 */
function bundleBudget(): Plugin {
  return {
    name: 'atiende-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, OutputChunk | OutputAsset>;
      const chunks = Object.values(files).filter((f): f is OutputChunk => f.type === 'chunk');
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        const chunk = files[name];
        if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
      };
      chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
      let initialKb = 0;
      let lazyKb = 0;
      for (const c of chunks) {
        if (initial.has(c.fileName)) initialKb += gzipKb(c.code);
        else lazyKb += gzipKb(c.code);
      }
      const cssKb = Object.values(files)
        .filter((f): f is OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'))
        .reduce((sum, f) => sum + gzipKb(f.source), 0);
      const line = (label: string, kb: number) => `  ${label.padEnd(26)} ${kb.toFixed(1).padStart(7)} KB gzip`;
      console.log(
        [
          '',
          'Dashboard bundle:',
          line(`initial JS (${initial.size} chunks)`, initialKb) + `   (budget ${INITIAL_JS_BUDGET_KB} KB)`,
          line(`lazy JS (${chunks.length - initial.size} chunks)`, lazyKb),
          line('CSS', cssKb),
          '',
        ].join('\n'),
      );
      if (initialKb > INITIAL_JS_BUDGET_KB) {
        this.error(`Initial JS is ${initialKb.toFixed(1)} KB gzipped, over the ${INITIAL_JS_BUDGET_KB} KB budget: lazy-load more routes.`);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), bundleBudget()],
  build: { outDir: 'dist', emptyOutDir: true },
  // The component tests drive a real DOM with user-event: on a starved 2-core CI machine a few took over 5 s.
  test: { testTimeout: 15_000, setupFiles: ['src/test-setup.ts'] },
  server: {
    // `npm run dev -w dashboard` next to `npm run dev` (the server on :3000).
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
