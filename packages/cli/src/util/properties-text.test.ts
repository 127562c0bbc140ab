import { describe, expect, it } from 'vitest'
import { parsePropertiesText } from './properties-text.js'

describe('parsePropertiesText', () => {
  it('reads = : and white space separators, comments and continuations with their first line', () => {
    const text = '# c\n! c\na=1\nb : 2\nc 3\nd=x \\\n   y\n\ne=\nf\n'
    expect(parsePropertiesText(text)).toEqual([
      { key: 'a', value: '1', line: 3 },
      { key: 'b', value: '2', line: 4 },
      { key: 'c', value: '3', line: 5 },
      { key: 'd', value: 'x y', line: 6 },
      { key: 'e', value: '', line: 9 },
      { key: 'f', value: '', line: 10 },
    ])
  })

  it('keeps a JAAS line with quotes and semicolons, and reads Java escapes', () => {
    const jaas = 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p=1";'
    expect(parsePropertiesText(`${jaas}\nk\\=ey=v\\u0041\\\\`)).toEqual([
      { key: 'sasl.jaas.config', value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p=1";', line: 1 },
      { key: 'k=ey', value: 'vA\\', line: 2 },
    ])
  })
})
