import type { SourceOffset, SourcePartition } from '../records/connect-record.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { OffsetEntry } from './herder.js'
import { badRequest, serverError } from './rest-error.js'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads `{"offsets": [...]}` of an alter request; 400 with Kafka Connect's message when missing or malformed. */
export function parseOffsetsBody(body: unknown): readonly OffsetEntry[] {
  const list = isRecord(body) ? body['offsets'] : undefined
  if (!Array.isArray(list) || list.length === 0) throw badRequest('Partitions / offsets need to be provided for an alter offsets request')
  return list.map((entry: unknown) => {
    if (!isRecord(entry) || !isRecord(entry['partition'])) throw badRequest('Source partitions must be non-null JSON objects')
    const offset = entry['offset']
    if (offset !== null && offset !== undefined && !isRecord(offset)) throw badRequest('Source offsets must be JSON objects or null')
    return { partition: entry['partition'], offset: offset ?? null }
  })
}

function assertPrimitives(map: Readonly<Record<string, unknown>>, what: string): void {
  for (const [k, v] of Object.entries(map)) {
    if (v !== null && typeof v === 'object') throw badRequest(`${what} values must be primitives, but '${k}' is not`)
  }
}

/** The committed offsets of a connector; sink offsets are not yet readable through the topic backend. */
export async function readOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink'): Promise<readonly OffsetEntry[]> {
  if (type === 'sink') return []
  const entries = await backend.listSourceOffsets(name)
  return entries.map(({ partition, offset }) => ({ partition, offset }))
}

/** Writes source offsets (a `null` offset resets its partition). */
export async function writeOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink', entries: readonly OffsetEntry[]): Promise<void> {
  if (type === 'sink') throw serverError('Altering the offsets of sink connectors is not supported by this worker yet')
  for (const e of entries) {
    assertPrimitives(e.partition, 'Source partition')
    if (e.offset !== null) assertPrimitives(e.offset, 'Source offset')
  }
  // cast: validated above to flat maps of primitives, which is what source partitions and offsets are
  const offsets = entries.map((e) => ({ partition: e.partition as SourcePartition, offset: e.offset as SourceOffset | null }))
  await backend.produce([], { connector: name, offsets })
}

/** Resets every committed offset of a connector. */
export async function resetOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink'): Promise<void> {
  if (type === 'sink') throw serverError('Resetting the offsets of sink connectors is not supported by this worker yet')
  const entries = await backend.listSourceOffsets(name)
  if (entries.length === 0) return
  await backend.produce([], { connector: name, offsets: entries.map(({ partition }) => ({ partition, offset: null })) })
}
