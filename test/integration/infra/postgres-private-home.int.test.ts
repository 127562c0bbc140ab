// @servers
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../infra/paths.js'

const infra = (home: string, ...args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'test', 'infra', 'cli.ts'), ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PIPE_INFRA_HOME: home }, timeout: 120_000,
  })

// GIVEN a checkout under a private folder, as `mktemp -d` makes one (mode 0700: only its owner may enter it)
// WHEN the test infrastructure starts its PostgreSQL with logical decoding (as root it runs as the postgres user)
// THEN the server starts and answers, with wal_level=logical
describe('test infrastructure in a private folder', () => {
  const outer = mkdtempSync(join(tmpdir(), 'pipe-private-'))
  const home = join(outer, '.infra')
  let dataDir: string | undefined
  afterAll(() => {
    infra(home, 'down', 'postgres-logical')
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
    rmSync(outer, { recursive: true, force: true })
  })

  it('starts PostgreSQL (logical) when the folder above the infra home is private', async () => {
    expect(statSync(outer).mode & 0o077).toBe(0)
    const up = infra(home, 'up', 'postgres-logical')
    expect(`${String(up.stdout)}${String(up.stderr)}`, 'pnpm infra up postgres-logical').toContain('postgres-logical ready')
    expect(up.status).toBe(0)
    const state = JSON.parse(readFileSync(join(home, 'run', 'postgres-logical.json'), 'utf8')) as {
      endpoint: string; info: { dataDir: string }
    }
    dataDir = state.info.dataDir
    const [host, port] = state.endpoint.split(':')
    const client = new pg.Client({ host, port: Number(port), user: 'postgres', database: 'postgres' })
    await client.connect()
    try {
      const result = await client.query<{ wal_level: string }>('SHOW wal_level')
      expect(result.rows[0]?.wal_level).toBe('logical')
    } finally {
      await client.end()
    }
  })
})
