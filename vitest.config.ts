import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // chDB binds one data directory per process and segfaults under worker threads:
    // every test file runs in its own forked process with its own data directory.
    pool: 'forks',
    // Two test files at a time on a 2-core machine: vitest's default leaves one core idle, and
    // most files spend their time waiting on child processes, a browser or the engine's threads.
    maxWorkers: 2,
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Tests wait for conditions (a process exits, a page says it is live), never
    // for a clock. These caps only end a test that hangs, so they are far above
    // what any test takes on a machine three times slower than an idle one.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    expect: { poll: { timeout: 120_000, interval: 50 } },
    reporters: ['default'],
  },
});
