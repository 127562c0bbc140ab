import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileWhole } from './write-file-whole.js'

describe('writeFileWhole', () => {
  it('replaces a file and leaves no temporary file beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-whole-'))
    await writeFile(join(dir, 'a.ts'), 'old')
    await writeFileWhole(join(dir, 'a.ts'), 'new text')
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toBe('new text')
    expect(await readdir(dir)).toEqual(['a.ts'])
  })

  it('keeps the old file and removes its temporary file when the write cannot finish', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-whole-'))
    await writeFile(join(dir, 'a.ts'), 'old')
    // renaming a file over a folder fails after the temporary file was written
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(dir, 'b.ts'))
    await expect(writeFileWhole(join(dir, 'b.ts'), 'new')).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['a.ts', 'b.ts'])
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toBe('old')
  })
})
