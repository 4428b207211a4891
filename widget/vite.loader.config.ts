import { defineConfig } from 'vite';

/** The embed snippet's script (/widget/loader.js): one small classic script, no imports, so `async` tags just work. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2018',
    lib: { entry: 'src/loader.ts', name: 'AtiendeLoader', formats: ['iife'], fileName: () => 'loader.js' },
  },
});
