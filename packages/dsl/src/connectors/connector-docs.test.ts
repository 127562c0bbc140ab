import { describe, expect, it } from 'vitest'
import { renderConnectorDocs } from './connector-docs.js'
import { CONNECTOR_DEFINITIONS } from './registry.js'
import { postgresCdcSourceDefinition } from './postgres/postgres-cdc-source.js'

describe('renderConnectorDocs', () => {
  it('documents every option of every connector from its field spec', () => {
    for (const definition of CONNECTOR_DEFINITIONS) {
      const doc = renderConnectorDocs(definition)
      for (const option of Object.keys(definition.fields)) expect(doc).toContain(`| \`${option}\` |`)
    }
  })

  it('shows types, defaults and Kafka Connect keys', () => {
    const doc = renderConnectorDocs(postgresCdcSourceDefinition)
    expect(doc).toContain("| `pluginName` | 'pgoutput' \\| 'decoderbufs' | no | `\"pgoutput\"` | `plugin.name` |")
    expect(doc).toContain("| `password` | env('VAR') \\| secret(...) | yes |  | `database.password` |")
    expect(doc).toContain('- Kafka Connect: `io.debezium.connector.postgresql.PostgresConnector`')
  })
})
