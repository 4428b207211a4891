import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // expect.poll waits for the event log's subscribers and the job queue, which run after the request returns; on a
    // loaded 2-core CI machine they can take more than vitest's default second. A poll that never succeeds still fails.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
