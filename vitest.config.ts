import { defineConfig } from 'vitest/config'

// Two projects: fast unit tests next to the code, and integration tests against real servers
// that test/infra/global-setup.ts starts once per run (and stops, also on Ctrl-C).
export default defineConfig({
  resolve: { conditions: ['@pipe/source'] },
  test: {
    allowOnly: !process.env['CI'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: 'tsconfig.eslint.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          exclude: ['test/integration/worker/soak.int.test.ts'],
          sequence: { groupOrder: 0 },
          globalSetup: ['test/infra/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // one server set, shared: files run one at a time so they do not starve two cores
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // spawns the built `pipe` (run `pnpm build` first) on pipelines/ and test/fixtures/
          name: 'e2e',
          sequence: { groupOrder: 0 },
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // the soak measures REST latency for 5 minutes, in a group of its own (groupOrder 1), meant to
          // keep it apart from the other projects; CI logs show it finishing before the integration files
          name: 'soak',
          include: ['test/integration/worker/soak.int.test.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 600_000,
        },
      },
    ],
  },
})
