import { describe, expect, it } from 'vitest'
import { renderDiagnostic } from './human-renderer.js'
import { renderOneLine } from './one-line-error.js'

describe('renderOneLine', () => {
  it('prints one line whatever control characters a user value holds', () => {
    const line = renderOneLine('worker', { code: 'PIPE_X', message: "cannot read 'a\rb\u001b[2Jc'\nsecond line", hint: 'fix \u0007it' })
    expect(line).toBe("pipe worker: error PIPE_X: cannot read 'a\\u000db\\u001b[2Jc'; fix: fix \\u0007it\n")
  })
  it('escapes control characters of a diagnostic such as an invalid connector name', () => {
    const text = renderDiagnostic({ code: 'PIPE_INVALID_NAME', severity: 'error', message: "invalid connector name 'a\u001b[31m\rb'" }, { color: false, cwd: '/' })
    expect(text).toContain("invalid connector name 'a\\u001b[31m\\u000db'")
  })
})
