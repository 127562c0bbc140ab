import { defineConfig } from 'vitest/config'

/** Integration files that must not share the servers with another file while they run (see the project). */
const INTEGRATION_ALONE = [
  // stops and starts the shared Cassandra node
  'test/integration/cassandra/node-outage.int.test.ts',
]

// Two projects: fast unit tests next to the code, and integration tests against real servers
// that test/infra/global-setup.ts starts once per run (and stops, also on Ctrl-C).
export default defineConfig({
  resolve: { conditions: ['@pipe/source'] },
  test: {
    allowOnly: !process.env['CI'],
    // two test files at a time (vitest's default on 2 cores is one): most of an integration or e2e file waits for
    // servers and processes (one file at a time, the 1-minute load stayed near 1). The integration files share one
    // server set, each naming its own connectors, topics, groups and tables; INTEGRATION_ALONE runs after, alone
    maxWorkers: 2,
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
          exclude: ['test/integration/worker/soak.int.test.ts', ...INTEGRATION_ALONE],
          sequence: { groupOrder: 0 },
          globalSetup: ['test/infra/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // files that stop a shared server or time what they measure: one at a time, after the others
          name: 'integration-alone',
          include: [...INTEGRATION_ALONE],
          sequence: { groupOrder: 1 },
          globalSetup: ['test/infra/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
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
          // the soak measures REST latency for 5 minutes: `pnpm test:all` runs it in a vitest run of its own,
          // after the other projects' run has stopped its servers: with them still running beside it, one call in
          // 2,925 took 261 ms in CI (alone here: at most 19 ms in 150 s); groupOrder 2 keeps it apart in a plain `vitest run`
          name: 'soak',
          include: ['test/integration/worker/soak.int.test.ts'],
          sequence: { groupOrder: 2 },
          testTimeout: 600_000,
        },
      },
    ],
  },
})
