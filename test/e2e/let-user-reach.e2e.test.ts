import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { canEnter, letUserReach } from '../support/let-user-reach.js'

// GIVEN a folder inside a private one (mode 0700, as `mktemp -d` makes it), which the user nobody cannot enter
// WHEN a test lets nobody reach it, then undoes that
// THEN nobody can enter it meanwhile, and the modes are as before afterwards
describe('letUserReach (tests that run pipe as another user)', () => {
  const outer = mkdtempSync(join(tmpdir(), 'pipe-reach-'))
  const inner = join(outer, 'checkout')
  mkdirSync(inner, { mode: 0o750 })
  afterAll(() => { rmSync(outer, { recursive: true, force: true }) })

  it('opens the private folder above for search only while needed, then puts its mode back', () => {
    expect(statSync(outer).mode & 0o777).toBe(0o700)
    expect(canEnter('nobody', inner)).toBe(false)
    const restore = letUserReach('nobody', inner)
    expect(canEnter('nobody', inner)).toBe(true)
    expect(statSync(outer).mode & 0o777).toBe(0o701)
    expect(statSync(inner).mode & 0o777).toBe(0o751)
    restore()
    expect(statSync(outer).mode & 0o777).toBe(0o700)
    expect(statSync(inner).mode & 0o777).toBe(0o750)
    expect(canEnter('nobody', inner)).toBe(false)
  })
})
