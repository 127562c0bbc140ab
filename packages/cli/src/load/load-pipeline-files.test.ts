import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPipelineFile } from './load-pipeline-file.js'
import { loadPipelineFiles } from './load-pipeline-files.js'

// a stand-in for @pipe/dsl's isPipeline: the loader only needs a predicate
const isPipeline = (value: unknown): boolean => typeof value === 'object' && value !== null && 'pipeline' in value

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-load-many-'))
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const shared = {
  'lib.ts': 'export const stamp = { made: Math.random() }\nexport const make = (): { pipeline: true; stamp: object } => ({ pipeline: true, stamp })\n',
  'a.ts': "import { make } from './lib.js'\nexport default make()\n",
  'b.ts': "import { make } from './lib.js'\nexport default [make()]\n",
}

describe('loadPipelineFiles', () => {
  it('loads several files with one copy of the module they share, and leaves no temporary file', async () => {
    const dir = project(shared)
    const [a, b] = await loadPipelineFiles([join(dir, 'a.ts'), join(dir, 'b.ts')], isPipeline, dir)
    expect(a?.diagnostics).toEqual([])
    expect(b?.diagnostics).toEqual([])
    const stampOf = (value: unknown): unknown => (value as { stamp: unknown }).stamp
    expect(a?.exports).toHaveLength(1)
    expect(b?.exports).toHaveLength(1)
    // one evaluation of lib.ts for both files: the same object, not two equal ones
    expect(stampOf(a?.exports[0])).toBe(stampOf(b?.exports[0]))
    expect(readdirSync(join(dir, 'node_modules', '.pipe-temp'))).toEqual([])
  })

  it('gives a file that throws the diagnostic loadPipelineFile gives, and loads the others', async () => {
    const dir = project({ ...shared, 'c.ts': "const n: number = 1\n\nif (n > 0) throw new RangeError('boom')\nexport default {}\n" })
    const loaded = await loadPipelineFiles([join(dir, 'a.ts'), join(dir, 'c.ts')], isPipeline, dir)
    const alone = await loadPipelineFile(join(dir, 'c.ts'), isPipeline, dir)
    expect(loaded[0]?.exports).toHaveLength(1)
    expect(loaded[1]?.diagnostics).toEqual(alone.diagnostics)
    expect(loaded[1]?.diagnostics[0]).toMatchObject({ code: 'PIPE_LOAD_FAILED', location: { file: join(dir, 'c.ts'), line: 3 } })
  })

  it('falls back to one file at a time when the shared build fails, so the broken file is named', async () => {
    const dir = project({ ...shared, 'd.ts': "\nimport { x } from './nope.js'\nexport default x\n" })
    const loaded = await loadPipelineFiles([join(dir, 'a.ts'), join(dir, 'd.ts'), join(dir, 'b.ts')], isPipeline, dir)
    expect(loaded.map((file) => file.exports.length)).toEqual([1, 0, 1])
    expect(loaded[1]?.diagnostics[0]).toMatchObject({ code: 'PIPE_MODULE_NOT_FOUND', location: { file: join(dir, 'd.ts'), line: 2, column: 19 } })
    expect(readdirSync(join(dir, 'node_modules', '.pipe-temp'))).toEqual([])
  })

  it('reports a default export that is not a pipeline as loadPipelineFile does', async () => {
    const dir = project({ ...shared, 'e.ts': 'export default 42\n' })
    const loaded = await loadPipelineFiles([join(dir, 'a.ts'), join(dir, 'e.ts')], isPipeline, dir)
    const alone = await loadPipelineFile(join(dir, 'e.ts'), isPipeline, dir)
    expect(loaded[1]?.diagnostics).toEqual(alone.diagnostics)
    expect(loaded[1]?.diagnostics[0]?.code).toBe('PIPE_INVALID_DEFAULT_EXPORT')
  })
})
