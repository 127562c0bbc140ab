import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { shellQuote } from './shell-quote.js'

describe('shellQuote', () => {
  it('leaves safe arguments alone and quotes the rest so that sh reads them back unchanged', () => {
    expect(shellQuote('build/state.d-1')).toBe('build/state.d-1')
    const args = ['dir with space', "it's", '$HOME', 'a"b', '`x`', 'semi;colon', '*', '', 'new\nline', '\\']
    const echoed = execFileSync('sh', ['-c', `printf '%s\\0' ${args.map(shellQuote).join(' ')}`], { encoding: 'utf8' })
    expect(echoed.split('\0').slice(0, -1)).toEqual(args)
  })
})
