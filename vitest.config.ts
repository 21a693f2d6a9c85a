import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // chDB binds one data directory per process and segfaults under worker threads:
    // every test file runs in its own forked process with its own data directory.
    pool: 'forks',
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
