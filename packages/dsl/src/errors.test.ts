import { describe, expect, it } from 'vitest'
import { diagnostic, hasErrors } from './diagnostics.js'
import { ERROR_CODES, isErrorCode } from './error-codes.js'
import { PipeError } from './errors.js'

describe('PipeError', () => {
  it('carries code, hint, location and source', () => {
    const e = new PipeError({ code: 'PIPE_INVALID_IR', message: 'bad', hint: 'fix it', location: { file: 'a.ts', line: 1, column: 2 } })
    expect(e).toMatchObject({ code: 'PIPE_INVALID_IR', message: 'bad', hint: 'fix it', source: 'user', name: 'PipeError' })
    expect(e.location).toEqual({ file: 'a.ts', line: 1, column: 2 })
  })

  it('is recognized by its symbol brand, also from another copy of the package', () => {
    const fromOtherCopy = { [Symbol.for('@pipe/dsl/PipeError')]: true, code: 'PIPE_INTERNAL' }
    expect(PipeError.is(new PipeError({ code: 'PIPE_INTERNAL', message: 'x' }))).toBe(true)
    expect(PipeError.is(fromOtherCopy)).toBe(true)
    expect(PipeError.is(new Error('x'))).toBe(false)
    expect(PipeError.is(null)).toBe(false)
  })
})

describe('diagnostics', () => {
  it('drops undefined optional fields and defaults severity to error', () => {
    const d = diagnostic({ code: 'PIPE_MISSING_OPTION', message: 'm', hint: undefined, pipeline: 'p' })
    expect(d).toEqual({ code: 'PIPE_MISSING_OPTION', severity: 'error', message: 'm', pipeline: 'p' })
    expect(hasErrors([d])).toBe(true)
    expect(hasErrors([diagnostic({ code: 'PIPE_CASSANDRA_ARRAY_VALUE', severity: 'warning', message: 'w' })])).toBe(false)
  })

  it('has one registry of unique SCREAMING_SNAKE codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
    for (const code of ERROR_CODES) expect(code).toMatch(/^PIPE_[A-Z0-9_]+$/)
    expect(isErrorCode('PIPE_LITERAL_SECRET')).toBe(true)
    expect(isErrorCode('NOPE')).toBe(false)
  })
})
