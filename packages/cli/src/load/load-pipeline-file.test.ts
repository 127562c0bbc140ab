import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPipelineFile } from './load-pipeline-file.js'

// a stand-in for @pipe/dsl's isPipeline: the loader only needs a predicate
const isPipeline = (value: unknown): boolean => typeof value === 'object' && value !== null && 'pipeline' in value

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-load-'))
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('loadPipelineFile', () => {
  it('returns the default export of a TypeScript file with its local imports', async () => {
    const dir = project({
      'p.ts': "import { make } from './lib.js'\nexport default make()\n",
      'lib.ts': 'export const make = (): { pipeline: true } => ({ pipeline: true })\n',
    })
    const loaded = await loadPipelineFile(join(dir, 'p.ts'), isPipeline, dir)
    expect(loaded.diagnostics).toEqual([])
    expect(loaded.exports).toEqual([{ pipeline: true }])
    expect(readdirSync(join(dir, 'node_modules', '.pipe-temp'))).toEqual([])
  })

  it('reports an exception while loading at the line of the user file that threw', async () => {
    const dir = project({ 'p.ts': "const n: number = 1\n\nif (n > 0) throw new RangeError('boom')\nexport default {}\n" })
    const [diagnostic] = (await loadPipelineFile(join(dir, 'p.ts'), isPipeline, dir)).diagnostics
    expect(diagnostic).toMatchObject({ code: 'PIPE_LOAD_FAILED', location: { file: join(dir, 'p.ts'), line: 3 } })
    expect(diagnostic?.message).toBe('pipeline file threw while loading: RangeError: boom')
  })

  it('reports a missing package at its import line', async () => {
    const dir = project({ 'p.ts': "// a pipeline\nimport { x } from 'no-such-package-9f1c'\nexport default x\n" })
    const [diagnostic] = (await loadPipelineFile(join(dir, 'p.ts'), isPipeline, dir)).diagnostics
    expect(diagnostic).toMatchObject({ code: 'PIPE_MODULE_NOT_FOUND', location: { line: 2, column: 19 } })
  })

  it('reports a missing local module where esbuild finds it', async () => {
    const dir = project({ 'p.ts': "\nimport { x } from './nope.js'\nexport default x\n" })
    const [diagnostic] = (await loadPipelineFile(join(dir, 'p.ts'), isPipeline, dir)).diagnostics
    expect(diagnostic).toMatchObject({ code: 'PIPE_MODULE_NOT_FOUND', location: { line: 2, column: 19 } })
  })

  it('reports a syntax error with its position', async () => {
    const dir = project({ 'p.ts': 'export default {\n  a: 1\n  b: 2\n}\n' })
    const [diagnostic] = (await loadPipelineFile(join(dir, 'p.ts'), isPipeline, dir)).diagnostics
    expect(diagnostic).toMatchObject({ code: 'PIPE_SYNTAX_ERROR', location: { line: 3, column: 3 } })
  })

  it('reports a missing or wrong default export, naming what it got', async () => {
    const dir = project({ 'none.ts': 'export const a = 1\n', 'wrong.ts': '\nexport default [{ pipeline: 1 }, "x"]\n' })
    const [none] = (await loadPipelineFile(join(dir, 'none.ts'), isPipeline, dir)).diagnostics
    expect(none).toMatchObject({ code: 'PIPE_NO_DEFAULT_EXPORT', message: 'none.ts must export default a pipeline (got no default export)' })
    const [wrong] = (await loadPipelineFile(join(dir, 'wrong.ts'), isPipeline, dir)).diagnostics
    expect(wrong).toMatchObject({ code: 'PIPE_INVALID_DEFAULT_EXPORT', location: { line: 2 },
      message: 'wrong.ts must export default a pipeline (got array with string at index 1)' })
  })
})
