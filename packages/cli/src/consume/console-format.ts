import type { ConsumedMessage } from '@pipe/runtime'

/**
 * kafka-console-consumer's DefaultMessageFormatter properties that pipe supports
 * (`--property print.key=true` ...), with the same defaults and separators.
 */
export interface FormatProperties {
  readonly printKey: boolean
  readonly printHeaders: boolean
  readonly printTimestamp: boolean
  readonly printPartition: boolean
  readonly printOffset: boolean
  readonly keySeparator: string
  readonly lineSeparator: string
  readonly headersSeparator: string
  readonly headersKeySeparator: string
  readonly nullLiteral: string
}

export const DEFAULT_FORMAT: FormatProperties = {
  printKey: false, printHeaders: false, printTimestamp: false, printPartition: false, printOffset: false,
  keySeparator: '\t', lineSeparator: '\n', headersSeparator: ',', headersKeySeparator: ':', nullLiteral: 'null',
}

const FLAGS = { 'print.key': 'printKey', 'print.headers': 'printHeaders', 'print.timestamp': 'printTimestamp', 'print.partition': 'printPartition', 'print.offset': 'printOffset' } as const
const TEXTS = { 'key.separator': 'keySeparator', 'line.separator': 'lineSeparator', 'headers.separator': 'headersSeparator', 'headers.key.separator': 'headersKeySeparator', 'null.literal': 'nullLiteral' } as const

/** Java-style escapes in separators given on the command line (`key.separator=\t`). */
const unescape = (text: string): string => text.replace(/\\([tnr\\])/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c)

/** Applies `name=value` properties; returns the problem for an unknown name or a malformed entry. */
export function parseProperties(entries: readonly string[]): { properties: FormatProperties } | { problem: string } {
  const out: Record<string, string | boolean> = { ...DEFAULT_FORMAT }
  for (const entry of entries) {
    const eq = entry.indexOf('=')
    const name = eq < 0 ? entry : entry.slice(0, eq)
    const value = eq < 0 ? '' : entry.slice(eq + 1)
    if (eq < 0) return { problem: `invalid --property '${entry}': expected name=value, e.g. print.key=true` }
    if (Object.hasOwn(FLAGS, name)) out[FLAGS[name as keyof typeof FLAGS]] = value.trim().toLowerCase() === 'true'
    else if (Object.hasOwn(TEXTS, name)) out[TEXTS[name as keyof typeof TEXTS]] = unescape(value)
    else return { problem: `unknown --property '${name}': expected one of ${[...Object.keys(FLAGS), ...Object.keys(TEXTS)].join(', ')}` }
  }
  return { properties: out as unknown as FormatProperties } // every key of DEFAULT_FORMAT, typed as there
}

const text = (bytes: Uint8Array | null, p: FormatProperties): string => (bytes === null ? p.nullLiteral : Buffer.from(bytes).toString('utf8'))

function headersText(message: ConsumedMessage, p: FormatProperties): string {
  if (message.headers.length === 0) return 'NO_HEADERS'
  return message.headers.map((h) => `${h.key}${p.headersKeySeparator}${text(h.value, p)}`).join(p.headersSeparator)
}

/** One record as kafka-console-consumer prints it: [CreateTime:ts] [Partition:p] [Offset:o] [headers] [key] value, line separator. */
export function formatMessage(message: ConsumedMessage, p: FormatProperties): string {
  const parts: string[] = []
  if (p.printTimestamp) parts.push(`CreateTime:${String(message.timestamp)}`)
  if (p.printPartition) parts.push(`Partition:${String(message.partition)}`)
  if (p.printOffset) parts.push(`Offset:${String(message.offset)}`)
  if (p.printHeaders) parts.push(headersText(message, p))
  if (p.printKey) parts.push(text(message.key, p))
  return `${parts.map((part) => `${part}${p.keySeparator}`).join('')}${text(message.value, p)}${p.lineSeparator}`
}
