import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    pool: 'forks',
    // Each file starts a server and a browser: on two cores, one at a time is faster and steadier.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 200_000,
    reporters: ['default'],
  },
});
