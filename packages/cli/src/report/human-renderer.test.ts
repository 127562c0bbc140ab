import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeFrame } from './code-frame.js'
import { renderDiagnostic, renderDiagnostics, renderSummary } from './human-renderer.js'
import { sortDiagnostics } from './normalize.js'

describe('codeFrame', () => {
  it('shows the line with a caret under the token at the column, and its neighbours', () => {
    const lines = ['const a = 1', "export default source(file({ path: 'x' }))", '']
    expect(codeFrame(lines, 2, 23)).toBe([
      '  1 | const a = 1',
      "  2 | export default source(file({ path: 'x' }))",
      '    |                       ^^^^',
    ].join('\n'))
  })
})

describe('codeFrame with mask', () => {
  it('stars out string literals so a literal secret is never printed', () => {
    expect(codeFrame(["  user: 'app',", "  password: 'hunter2',"], 2, 3, true)).toBe([
      "  1 |   user: '***',",
      "  2 |   password: '*******',",
      '    |   ^^^^^^^^',
    ].join('\n'))
  })
})

describe('renderDiagnostic', () => {
  it('prints file:line:col, severity, code, message, frame and fix relative to cwd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-render-'))
    writeFileSync(join(dir, 'p.ts'), "import x from 'y'\nexport default 42\n")
    const text = renderDiagnostic({
      code: 'PIPE_INVALID_DEFAULT_EXPORT', severity: 'error', message: 'p.ts must export default a pipeline (got number)',
      hint: 'export a pipeline', location: { file: join(dir, 'p.ts'), line: 2, column: 1 },
    }, { cwd: dir, color: false })
    expect(text).toBe([
      'p.ts:2:1 error PIPE_INVALID_DEFAULT_EXPORT: p.ts must export default a pipeline (got number)',
      "  1 | import x from 'y'",
      '  2 | export default 42',
      '    | ^^^^^^',
      '  fix: export a pipeline',
      '',
    ].join('\n'))
  })

  it('prints a diagnostic without location with its pipeline and connector', () => {
    const text = renderDiagnostic({ code: 'PIPE_OUTPUT_CONFLICT', severity: 'error', message: 'two connectors', connector: 'a-sink' }, { cwd: '/', color: false })
    expect(text).toBe("error PIPE_OUTPUT_CONFLICT: two connectors\n  in connector 'a-sink'\n")
  })
})

describe('renderSummary', () => {
  it('counts errors, warnings and files like tsc', () => {
    const at = (file: string) => ({ file, line: 1, column: 1 })
    expect(renderSummary([
      { code: 'PIPE_INVALID_OPTION', severity: 'error', message: 'm', location: at('/x/a.ts') },
      { code: 'PIPE_MISSING_OPTION', severity: 'error', message: 'm', location: at('/x/b.ts') },
      { code: 'PIPE_INVALID_NAME', severity: 'warning', message: 'm' },
    ], '/x')).toBe('Found 2 errors and 1 warning in 2 files.\n')
  })
})

describe('sortDiagnostics', () => {
  it('orders by file, line and column and drops exact duplicates', () => {
    const d = (line: number, file = '/a.ts') => ({ code: 'PIPE_INVALID_OPTION' as const, severity: 'error' as const, message: 'm', location: { file, line, column: 1 } })
    const sorted = sortDiagnostics([d(10), d(2), d(1, '/b.ts'), d(2)])
    expect(sorted.map((x) => `${x.location?.file ?? ''}:${String(x.location?.line)}`)).toEqual(['/a.ts:2', '/a.ts:10', '/b.ts:1'])
  })
})

describe('renderDiagnostics and a literal secret', () => {
  it('masks the literal in the frame of every diagnostic that shows its line, not only PIPE_LITERAL_SECRET', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-render-'))
    writeFileSync(join(dir, 'p.ts'), "export default source(pg({\n  'database.sslpassword': 'hunter2',\n  'database.port': 'five',\n}))\n")
    const file = join(dir, 'p.ts')
    const text = renderDiagnostics([
      { code: 'PIPE_TYPE_ERROR', severity: 'error', message: "TS2322: Type 'string' is not assignable to type 'Secret'.", location: { file, line: 2, column: 3 } },
      { code: 'PIPE_LITERAL_SECRET', severity: 'error', message: "option 'database.sslpassword' is a password", location: { file, line: 2, column: 3 } },
      { code: 'PIPE_TYPE_ERROR', severity: 'error', message: "TS2322: Type 'string' is not assignable to type 'number'.", location: { file, line: 3, column: 3 } },
    ], { cwd: dir, color: false })
    expect(text).not.toContain('hunter2')
    expect(text).toContain("'database.port': 'five'")
  })
})
