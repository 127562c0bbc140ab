import { describe, expect, it } from 'vitest'
import { parseJaasConfig } from './jaas-config.js'

describe('parseJaasConfig', () => {
  it('reads a login module, its flag and quoted or bare options', () => {
    expect(parseJaasConfig('org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="p;a=\\"s\\"" tokenauth=true;')).toEqual([
      { loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule', flag: 'required', options: { username: 'app', password: 'p;a="s"', tokenauth: 'true' } },
    ])
  })

  it('says what is wrong without quoting the value', () => {
    expect(parseJaasConfig('org.x.PlainLoginModule required username="u" password="secret"')).toBe("the login module does not end with ';'")
    expect(parseJaasConfig('org.x.PlainLoginModule username="u";')).toMatch(/control flag/)
    expect(parseJaasConfig('org.x.PlainLoginModule required password="secret;')).toMatch(/not closed/)
    expect(parseJaasConfig('')).toBe('the value is empty')
  })
})
