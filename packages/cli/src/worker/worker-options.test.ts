import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseProperties, readConnectorFile } from './connector-files.js'
import { parseAuth, parseListeners } from './worker-options.js'

describe('parseListeners', () => {
  it('reads http://host:port, and binds 127.0.0.1 when the host is empty', () => {
    expect(parseListeners('http://127.0.0.1:8083')).toEqual([{ host: '127.0.0.1', port: 8083 }])
    expect(parseListeners('http://:9000')).toEqual([{ host: '127.0.0.1', port: 9000 }])
    expect(parseListeners('http://[::1]:9000')).toEqual([{ host: '::1', port: 9000 }])
  })

  it('reads every listener of a comma-separated list, as Kafka Connect serves them all', () => {
    expect(parseListeners('http://127.0.0.1:8083, http://[::1]:8084')).toEqual([{ host: '127.0.0.1', port: 8083 }, { host: '::1', port: 8084 }])
    expect(() => parseListeners('http://127.0.0.1:8083,bogus')).toThrow("invalid --listeners 'http://127.0.0.1:8083,bogus'")
  })

  it('refuses other forms with the expected form', () => {
    expect(() => parseListeners('127.0.0.1:8083')).toThrow(/expected http:\/\/host:port/)
    expect(() => parseListeners('https://127.0.0.1:8443')).toThrow(/https listeners are not supported yet/)
  })
})

describe('parseAuth', () => {
  it('reads a bearer token or basic credentials, not both', () => {
    expect(parseAuth({ authToken: 't0k' })).toEqual({ kind: 'bearer', token: 't0k' })
    expect(parseAuth({ authBasic: 'me:p:w' })).toEqual({ kind: 'basic', user: 'me', password: 'p:w' })
    expect(parseAuth({})).toBeUndefined()
    expect(() => parseAuth({ authToken: 'a', authBasic: 'b:c' })).toThrow(/not several/)
    expect(() => parseAuth({ authBasic: 'nocolon' })).toThrow(/user:password/)
  })

  it('reads the token from --auth-token-file or PIPE_AUTH_TOKEN, the options first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-auth-'))
    await writeFile(join(dir, 'token'), 's3cret\n')
    await writeFile(join(dir, 'empty'), '\n')
    expect(parseAuth({ authTokenFile: join(dir, 'token') })).toEqual({ kind: 'bearer', token: 's3cret' })
    expect(parseAuth({}, { PIPE_AUTH_TOKEN: 'from-env' })).toEqual({ kind: 'bearer', token: 'from-env' })
    expect(parseAuth({ authToken: 'opt' }, { PIPE_AUTH_TOKEN: 'from-env' })).toEqual({ kind: 'bearer', token: 'opt' })
    expect(parseAuth({ authBasic: 'u:p' }, { PIPE_AUTH_TOKEN: 'from-env' })).toEqual({ kind: 'basic', user: 'u', password: 'p' })
    expect(() => parseAuth({ authTokenFile: join(dir, 'missing') })).toThrow(`cannot read --auth-token-file '${join(dir, 'missing')}' (ENOENT)`)
    expect(() => parseAuth({ authTokenFile: join(dir, 'empty') })).toThrow(/the file is empty/)
    expect(() => parseAuth({ authToken: 'a', authTokenFile: join(dir, 'token') })).toThrow(/not several/)
  })
})

describe('connector files', () => {
  it('parses .properties with comments and continuations', () => {
    expect(parseProperties('# c\nname=a\nfile = /x\\\n  y\ntopic: t\n')).toEqual({ name: 'a', file: '/xy', topic: 't' })
  })

  it('parses .properties as Java does: escaped separators, unicode escapes, a space as separator, trailing spaces kept', () => {
    const text = [
      'connection.url=jdbc\\:postgresql\\://127.0.0.1\\:5432/db',
      'query = a\\=b, c\\u00e9\\tz',
      'my\\ key value with space  ',
      '  ! comment after spaces',
      'path=C\\\\\\\\dir\\\\',
      'next=1',
      'empty',
      'odd=a\\\\\\',
      '   b',
    ].join('\n')
    expect(parseProperties(text)).toEqual({
      'connection.url': 'jdbc:postgresql://127.0.0.1:5432/db', query: 'a=b, c\u00e9\tz', 'my key': 'value with space  ',
      path: 'C\\\\dir\\', next: '1', empty: '', odd: 'a\\b',
    })
  })

  it('reads a POST /connectors body, a flat JSON config and a .properties file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-worker-'))
    await writeFile(join(dir, 'a.json'), JSON.stringify({ name: 'a', config: { 'connector.class': 'FileStreamSource', 'tasks.max': 1 }, initial_state: 'paused' }))
    await writeFile(join(dir, 'b.json'), JSON.stringify({ name: 'b', 'connector.class': 'FileStreamSink' }))
    await writeFile(join(dir, 'c.properties'), 'name=c\nconnector.class=FileStreamSink\n')
    await writeFile(join(dir, 'd.properties'), 'connector.class=FileStreamSink\n')
    expect(await readConnectorFile(join(dir, 'a.json'))).toMatchObject({ name: 'a', config: { 'tasks.max': '1' }, initialState: 'PAUSED' })
    expect(await readConnectorFile(join(dir, 'b.json'))).toMatchObject({ name: 'b', config: { name: 'b' } })
    expect(await readConnectorFile(join(dir, 'c.properties'))).toMatchObject({ name: 'c' })
    await expect(readConnectorFile(join(dir, 'd.properties'))).rejects.toThrow(/has no name/)
    await expect(readConnectorFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read/)
  })

  it('keeps number literals as written and __proto__ as a key, as connect-standalone reads them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-worker-'))
    await writeFile(join(dir, 'n.json'), '{"name":"n","config":{"tasks.max":1.0,"big":12345678901234567890,"e":1e3,"__proto__":"p"}}')
    await writeFile(join(dir, 'p.properties'), 'name=p\n__proto__=x\n')
    const read = await readConnectorFile(join(dir, 'n.json'))
    expect(Object.entries(read.config)).toEqual([['tasks.max', '1.0'], ['big', '12345678901234567890'], ['e', '1e3'], ['__proto__', 'p']])
    expect(Object.entries((await readConnectorFile(join(dir, 'p.properties'))).config)).toEqual([['name', 'p'], ['__proto__', 'x']])
  })
})
