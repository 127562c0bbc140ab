import { describe, expect, it } from 'vitest'
import { main } from './main.js'
import { createMemoryIoHost } from './report/io-host.js'

describe('main', () => {
  it('prints help and exits 0 when given --help', async () => {
    const io = createMemoryIoHost()
    expect(await main(['--help'], io)).toBe(0)
    expect(io.stdout).toContain('Usage: pipe')
  })

  it('prints the package version when given --version', async () => {
    const io = createMemoryIoHost()
    expect(await main(['--version'], io)).toBe(0)
    expect(io.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('exits 1 with a hint when given an unknown option', async () => {
    const io = createMemoryIoHost()
    expect(await main(['--no-such-option'], io)).toBe(1)
    expect(io.stderr).toContain("unknown option '--no-such-option'")
    expect(io.stderr).toContain('pipe --help')
  })
})
