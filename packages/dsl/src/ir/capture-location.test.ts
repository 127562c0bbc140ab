import { describe, expect, it } from 'vitest'
import { captureLocation, parseFrame } from './capture-location.js'

describe('parseFrame', () => {
  it('reads named and anonymous V8 frames and strips file://', () => {
    expect(parseFrame('    at build (file:///repo/pipelines/a%20b.ts:12:5)')).toEqual({ file: '/repo/pipelines/a b.ts', line: 12, column: 5 })
    expect(parseFrame('    at /repo/pipelines/x.ts:3:9')).toEqual({ file: '/repo/pipelines/x.ts', line: 3, column: 9 })
    expect(parseFrame('Error')).toBeUndefined()
  })
})

describe('captureLocation', () => {
  it('returns the first frame outside @pipe/dsl sources', () => {
    expect(captureLocation()).toMatchObject({ file: expect.stringMatching(/capture-location\.test\.ts$/) as unknown, line: 14 })
  })
})
