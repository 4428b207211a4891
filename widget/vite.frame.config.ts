import { defineConfig } from 'vite';

/** The chat that runs in the iframe: /widget/frame.html and its hashed assets, served by the Atiende server. */
export default defineConfig({
  base: '/widget/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020', rollupOptions: { input: 'frame.html' } },
});
