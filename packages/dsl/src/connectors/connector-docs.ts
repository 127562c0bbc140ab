import type { ConnectorDefinition } from './define-connector.js'
import type { AnyField } from './field.js'

function typeText(spec: AnyField): string {
  switch (spec.kind) {
    case 'enum': return (spec.values ?? []).map((v) => `'${v}'`).join(' \\| ')
    case 'secret': return "env('VAR') \\| secret(...)"
    case 'list': return 'string[]'
    case 'mapping': return 'Record<string, string>'
    case 'int': return spec.min === undefined && spec.max === undefined ? 'integer' : `integer ${String(spec.min ?? '')}..${String(spec.max ?? '')}`
    case 'double': return spec.min === undefined && spec.max === undefined ? 'number' : `number ${String(spec.min ?? '')}..${String(spec.max ?? '')}`
    case 'class': return 'class name'
    case 'string':
    case 'bool': return spec.kind === 'bool' ? 'boolean' : 'string'
  }
}

function keyText(definition: ConnectorDefinition, name: string, spec: AnyField): string {
  const keeps = definition.unknownKeys === 'warn' || definition.unknownKeys === 'keep'
  const key = spec.key ?? (keeps ? name : undefined)
  return key === undefined ? '(compiled)' : `\`${key}\``
}

/**
 * Renders a connector's reference page (Markdown) from its field spec: engines, classes, and one
 * row per option with its type, whether it is required, its default and its Kafka Connect key.
 *
 * @example
 * ```ts
 * import { CONNECTOR_DEFINITIONS, renderConnectorDocs } from '@pipe/dsl/connectors'
 * const markdown = CONNECTOR_DEFINITIONS.map(renderConnectorDocs).join('\n')
 * ```
 */
export function renderConnectorDocs(definition: ConnectorDefinition): string {
  const version = 'class' in definition.kafkaConnect && definition.kafkaConnect.version !== undefined ? ` (version ${definition.kafkaConnect.version})` : ''
  const kc = 'class' in definition.kafkaConnect
    ? `Kafka Connect: \`${definition.kafkaConnect.class}\`${version}`
    : `Kafka Connect: not supported (${definition.kafkaConnect.unsupported})`
  const rows = Object.entries(definition.fields).map(([name, spec]) => {
    const fallback = spec.default === undefined ? '' : `\`${JSON.stringify(spec.default)}\``
    return `| \`${name}\` | ${typeText(spec)} | ${spec.required ? 'yes' : 'no'} | ${fallback} | ${keyText(definition, name, spec)} | ${spec.doc} |`
  })
  return [
    `## ${definition.name} ${definition.role}`,
    '',
    definition.doc,
    '',
    `- ${kc}`,
    `- pipe runtime: \`${definition.pipeClass}\``,
    `- record formats: ${definition.formats.join(', ')}`,
    '',
    '| option | type | required | default | Kafka Connect key | description |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(definition.unknownKeys === 'warn' || definition.unknownKeys === 'keep' ? ['', 'Other Kafka Connect keys are passed through as given.'] : []),
    '',
  ].join('\n')
}
