import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../diagnostic.js'
import { refineLocation } from './refine-location.js'

const file = '/p/orders.ts'
const source = [
  "import { source, topic } from '@pipe/dsl'",
  'export default source(postgresCdc({',
  "  hostname: 'db',",
  "  password: 'x',",
  "})).to(topic('orders')).named('Bad Name')",
]
const read = (): readonly string[] => source
const fallback = { file, line: 2, column: 1 }

describe('refineLocation', () => {
  it('moves an option diagnostic from the connector call to the option', () => {
    const d: Diagnostic = { code: 'PIPE_LITERAL_SECRET', severity: 'error', message: "option 'password' of postgres-cdc source is a literal", location: { file, line: 2, column: 23 } }
    expect(refineLocation(d, file, read, fallback).location).toEqual({ file, line: 4, column: 3 })
  })

  it('keeps the location when the option is not written in the call', () => {
    const d: Diagnostic = { code: 'PIPE_INVALID_OPTION', severity: 'error', message: "option 'port' is out of range", location: { file, line: 2, column: 23 } }
    expect(refineLocation(d, file, read, fallback).location).toEqual({ file, line: 2, column: 23 })
  })

  it('places a diagnostic without location at the value it quotes, else at the fallback', () => {
    const named: Diagnostic = { code: 'PIPE_INVALID_NAME', severity: 'error', message: "invalid pipeline name 'Bad Name'" }
    expect(refineLocation(named, file, read, fallback).location).toEqual({ file, line: 5, column: 31 })
    const other: Diagnostic = { code: 'PIPE_INVALID_IR', severity: 'error', message: 'no nodes' }
    expect(refineLocation(other, file, read, fallback).location).toEqual(fallback)
  })
})
