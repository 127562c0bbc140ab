import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { typeCheck } from './type-check.js'

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-tc-'))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', types: [], noEmit: true } }))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('typeCheck', () => {
  it('reports type errors of the given files only, with the TS code, at line and column', () => {
    const dir = project({ 'a.ts': "export const n: number = 1\nexport const s: string = n\n", 'other.ts': 'export const x: number = "no"\n' })
    expect(typeCheck([join(dir, 'a.ts')])).toEqual([{
      code: 'PIPE_TYPE_ERROR', severity: 'error', message: "TS2322: Type 'number' is not assignable to type 'string'.",
      location: { file: join(dir, 'a.ts'), line: 2, column: 14 },
    }])
  }, 30_000)

  it('reports syntax errors as PIPE_SYNTAX_ERROR without the semantic noise they cause', () => {
    const dir = project({ 'b.ts': 'export default {\n  a: 1\n  b: 2\n}\n' })
    const diagnostics = typeCheck([join(dir, 'b.ts')])
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['PIPE_SYNTAX_ERROR', 3]])
  }, 30_000)
})
