import { describe, expect, it } from 'vitest'
import { parseStreamLine, StreamParser } from './stream-parser.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('StreamParser', () => {
  it('splits \\r\\n-delimited messages and reports blank lines as keep-alives', () => {
    const parser = new StreamParser()
    const out = parser.push(bytes('{"data":{"id":"1","text":"a"}}\r\n\r\n{"data":{"id":"2","text":"b"}}\r\n'))
    expect(out.map((m) => m.kind)).toEqual(['tweet', 'keep-alive', 'tweet'])
  })

  it('joins a message cut across chunks, multi-byte characters included', () => {
    const parser = new StreamParser()
    const all = bytes('{"data":{"id":"7","text":"caf\u00e9 \u{1F600}"}}\r\n')
    const messages = [...parser.push(all.slice(0, 30)), ...parser.push(all.slice(30, 31)), ...parser.push(all.slice(31))]
    expect(messages).toEqual([{ kind: 'tweet', message: { data: { id: '7', text: 'caf\u00e9 \u{1F600}' } } }])
  })

  it('keeps an unterminated tail until the end of the body', () => {
    const parser = new StreamParser()
    expect(parser.push(bytes('{"data":{"id":"1","text":"a"}}'))).toEqual([])
    expect(parser.end().map((m) => m.kind)).toEqual(['tweet'])
  })
})

describe('parseStreamLine', () => {
  it('reads an operational disconnect as an in-stream error', () => {
    const line = JSON.stringify({
      errors: [{ title: 'operational-disconnect', disconnect_type: 'UpstreamOperationalDisconnect', detail: 'upstream', type: 'x' }],
    })
    expect(parseStreamLine(line)).toEqual({ kind: 'error', title: 'operational-disconnect', detail: 'upstream' })
  })

  it('reads a top-level problem object as an error', () => {
    expect(parseStreamLine('{"title":"ConnectionException","detail":"too many"}')).toEqual({ kind: 'error', title: 'ConnectionException', detail: 'too many' })
  })

  it('marks what is neither a tweet nor an error as malformed instead of throwing', () => {
    expect(parseStreamLine('{oops').kind).toBe('malformed')
    expect(parseStreamLine('[1,2]').kind).toBe('malformed')
    expect(parseStreamLine('{"data":{"id":1}}').kind).toBe('malformed')
  })
})
