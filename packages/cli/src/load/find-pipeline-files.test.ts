import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findPipelineFiles, isPipelineFileName } from './find-pipeline-files.js'

describe('isPipelineFileName', () => {
  it('takes TypeScript files but not declarations, tests or _helpers', () => {
    expect(['a.ts', 'b.mts', 'c.d.ts', 'd.test.ts', 'e.test-d.ts', '_shared.ts', 'f.js'].filter(isPipelineFileName)).toEqual(['a.ts', 'b.mts'])
  })
})

describe('findPipelineFiles', () => {
  it('expands folders recursively, keeps files as given, and reports paths that do not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-find-'))
    mkdirSync(join(dir, 'pipelines', 'nested'), { recursive: true })
    mkdirSync(join(dir, 'pipelines', 'node_modules'))
    for (const file of ['pipelines/b.ts', 'pipelines/a.ts', 'pipelines/nested/c.ts', 'pipelines/_lib.ts', 'pipelines/node_modules/x.ts', 'one.ts']) {
      writeFileSync(join(dir, file), '')
    }
    const found = await findPipelineFiles(['pipelines', 'one.ts', 'missing'], dir)
    expect(found.files).toEqual(['one.ts', 'pipelines/a.ts', 'pipelines/b.ts', 'pipelines/nested/c.ts'].map((f) => join(dir, f)))
    expect(found.diagnostics.map((d) => d.code)).toEqual(['PIPE_FILE_NOT_FOUND'])
  })

  it('reports an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-find-'))
    expect((await findPipelineFiles(['.'], dir)).diagnostics.map((d) => d.code)).toEqual(['PIPE_NO_PIPELINES'])
  })
})
