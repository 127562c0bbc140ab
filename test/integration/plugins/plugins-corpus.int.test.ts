// @servers kafka connect postgres-logical
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runPipe } from '../../e2e/run-pipe.js'
import { repoRoot } from '../../infra/paths.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { corpusFile, liveFlags, liveRequest, offlineFlags, type CheckDiagnostic, type CorpusFile, type ValidateAnswer } from './corpus-files.js'
import { CORPUS_PLUGINS, corpusCases, type CorpusCase } from './plugins-corpus.js'

/** Where the case files import the pulled modules from: `pipe plugins pull --out connectors` in the same project. */
const PULLED_INDEX = './connectors/index.js'

interface Outcome {
  readonly corpusCase: CorpusCase
  readonly offline: readonly string[]
  readonly live: readonly string[]
}

// GIVEN the test worker's plugins pulled into a project with `pipe plugins pull`, and a corpus of configs over them (good ones, missing required keys, wrong types,
//   values outside recommended sets, literal passwords), each a pipeline file using the pulled module
// WHEN `pipe check` checks them offline and the worker validates the same keys
// THEN both flag the same keys for every case but the commented expected gaps, whose sides are pinned
describe('pulled plugins: offline check and the worker agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-corpus-'))
  afterAll(() => { rmSync(dir, { recursive: true, force: true }) })
  const { host, port, user, database } = servers().postgresLogical
  const cases = corpusCases({ host, port, user, database })
  const outcomes: Outcome[] = []

  it('has at least 30 cases over every kind of fault', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    expect(new Set(cases.map((c) => CORPUS_PLUGINS[c.plugin].role))).toEqual(new Set(['source', 'sink', 'transform', 'predicate']))
  })

  it('flags the same keys offline as the worker does live', async () => {
    // offline: one `pipe check --json` over every case file, as a project of the user's
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(repoRoot, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false },
      include: ['*.ts'],
    }, null, 2))
    // the user's flow: pull the worker's plugins into the project, then write pipelines with them
    const pull = await runPipe(['plugins', 'pull', '--connect', servers().connect.url, '--out', join(dir, 'connectors')])
    expect(pull.status, pull.stdout + pull.stderr).toBe(0)
    const files = new Map<string, CorpusFile>()
    for (const corpusCase of cases) {
      const file = corpusFile(corpusCase, PULLED_INDEX)
      files.set(`${corpusCase.id}.ts`, file)
      writeFileSync(join(dir, `${corpusCase.id}.ts`), file.text)
    }
    const check = await runPipe(['check', '--json', ...[...files.keys()].map((file) => join(dir, file))], { env: { PG_PASSWORD: 'unused', JDBC_PASSWORD: 'unused' } })
    let diagnostics: CheckDiagnostic[]
    try {
      diagnostics = (JSON.parse(check.stdout) as { diagnostics: CheckDiagnostic[] }).diagnostics
    } catch {
      throw new Error(`pipe check --json printed no JSON (exit ${String(check.status)}):\n${check.stdout}\n${check.stderr}`)
    }

    const knownKeys = new Map<string, Set<string>>()
    for (const corpusCase of cases) {
      const plugin = CORPUS_PLUGINS[corpusCase.plugin]
      let keys = knownKeys.get(plugin.class)
      if (keys === undefined) {
        const answer = await connectRequest(servers().connect.url, 'GET', `/connector-plugins/${encodeURIComponent(plugin.class)}/config`)
        expect(answer.status, `GET config of ${plugin.class}`).toBe(200)
        keys = new Set((answer.body as { name: string }[]).map((key) => key.name))
        knownKeys.set(plugin.class, keys)
      }
      const file = files.get(`${corpusCase.id}.ts`)
      if (file === undefined) throw new Error(`no file for ${corpusCase.id}`)
      const own = diagnostics.filter((d) => d.location !== undefined && basename(d.location.file) === `${corpusCase.id}.ts`)
      const offline = offlineFlags(own, file, new Set([...keys, ...Object.keys(corpusCase.options)]))

      const request = liveRequest(corpusCase)
      const answer = await connectRequest(servers().connect.url, 'PUT', `/connector-plugins/${encodeURIComponent(request.connectorClass)}/config/validate`, request.config)
      expect(answer.status, `validate ${corpusCase.id}: ${JSON.stringify(answer.body)}`).toBe(200)
      outcomes.push({ corpusCase, offline, live: liveFlags(answer.body as ValidateAnswer, request.prefix) })
    }
    // diagnostics that belong to no case file (a broken pulled module, the tsconfig) would make the run meaningless
    const stray = diagnostics.filter((d) => d.severity === 'error' && (d.location === undefined || !files.has(basename(d.location.file))))
    expect(stray.map((d) => `${d.location?.file ?? '?'}:${String(d.location?.line ?? 0)} ${d.code} ${d.message}`)).toEqual([])

    const agreeing = outcomes.filter((o) => sameKeys(o.offline, o.live))
    const regular = outcomes.filter((o) => o.corpusCase.gap === undefined)
    const report = [
      `corpus: ${String(outcomes.length)} cases, offline and live agree on ${String(agreeing.length)} (${percent(agreeing.length, outcomes.length)}); ` +
      `${String(regular.filter((o) => sameKeys(o.offline, o.live)).length)} of ${String(regular.length)} non-gap cases (${percent(regular.filter((o) => sameKeys(o.offline, o.live)).length, regular.length)})`,
      ...outcomes.map((o) => `  ${sameKeys(o.offline, o.live) ? 'agree' : o.corpusCase.gap === undefined ? 'DIFFER' : 'gap  '} ${o.corpusCase.id.padEnd(30)} offline [${o.offline.join(', ')}] live [${o.live.join(', ')}]`),
    ]
    process.stdout.write(`${report.join('\n')}\n`)

    // every case: the keys it was written to flag, on the side(s) that can see them
    expect(outcomes.map((o) => ({ id: o.corpusCase.id, offline: o.offline, live: o.live }))).toEqual(outcomes.map((o) => ({
      id: o.corpusCase.id,
      offline: [...(o.corpusCase.gap?.offline ?? o.corpusCase.flags)].sort(),
      live: [...(o.corpusCase.gap?.live ?? o.corpusCase.flags)].sort(),
    })))
  }, 180_000)
})

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i])
const percent = (part: number, whole: number): string => `${(whole === 0 ? 0 : (100 * part) / whole).toFixed(0)}%`
