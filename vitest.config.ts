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
          include: ['packages/*/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: 'tsconfig.eslint.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
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
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
})
