import { defineConfig } from 'vitest/config';

// One project per layer of the test pyramid (architecture.md). `npm test` runs them all;
// the lab project shares one running lab, so its files run one after another. Every test
// process refuses traffic to anything but loopback (test/support/loopback-only.ts).
const guard = ['test/support/loopback-only.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', setupFiles: guard } },
      { test: { name: 'main', include: ['test/main/**/*.test.ts'], environment: 'node', setupFiles: guard } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node', setupFiles: guard } },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          environment: 'node',
          setupFiles: guard,
          globalSetup: ['test/lab/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles: guard,
          // The wizard walked as an admin lives it runs against the real lab (issue 20).
          globalSetup: ['test/lab/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
