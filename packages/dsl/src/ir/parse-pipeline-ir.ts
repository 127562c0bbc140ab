import { PipeError } from '../errors.js'
import { isJsonObject, isJsonValue, type JsonObject } from './json.js'
import { NODE_KINDS, type PipelineNode } from './nodes.js'
import { IR_SCHEMA_VERSION, type PipelineIR } from './pipeline-ir.js'

function fail(message: string): never {
  throw new PipeError({ code: 'PIPE_INVALID_IR', message, hint: 'produce the IR with toPipelineIR() of the same @pipe/dsl version' })
}

const REQUIRED: Readonly<Record<PipelineNode['kind'], readonly string[]>> = {
  source: ['connector', 'options'],
  sink: ['connector', 'options'],
  topic: ['topic', 'options'],
  transform: ['step'],
}

function checkNode(node: unknown, index: number): string {
  if (!isJsonObject(node)) fail(`nodes[${index}] is not an object`)
  const { kind, id } = node
  if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) {
    fail(`nodes[${index}].kind must be one of '${NODE_KINDS.join("' | '")}' (got ${JSON.stringify(kind)})`)
  }
  if (typeof id !== 'string') fail(`nodes[${index}].id must be a string`)
  for (const key of REQUIRED[kind as PipelineNode['kind']]) {
    if (node[key] === undefined) fail(`nodes[${index}] (${kind}) is missing '${key}'`)
  }
  return id
}

function checkEdges(edges: unknown, ids: ReadonlySet<string>): void {
  if (!Array.isArray(edges)) fail('edges must be an array')
  edges.forEach((edge: unknown, index) => {
    if (!isJsonObject(edge) || typeof edge['from'] !== 'string' || typeof edge['to'] !== 'string') fail(`edges[${index}] must be { from, to }`)
    if (!ids.has(edge['from']) || !ids.has(edge['to'])) fail(`edges[${index}] refers to an unknown node`)
  })
}

/**
 * Checks that an unknown value (a JSON file, an HTTP body) is a PipelineIR of this schema version,
 * and returns it typed; throws a PipeError `PIPE_INVALID_IR` saying what is wrong otherwise.
 * (Checks the shape; run `validatePipeline` for the meaning.)
 *
 * @example
 * ```ts
 * const ir = parsePipelineIR(JSON.parse(await readFile('build/tweets.ir.json', 'utf8')))
 * ```
 */
export function parsePipelineIR(value: unknown): PipelineIR {
  if (!isJsonValue(value) || !isJsonObject(value)) fail('the IR must be a JSON object')
  const ir: JsonObject = value
  if (ir['schemaVersion'] !== IR_SCHEMA_VERSION) fail(`unsupported IR schema version ${JSON.stringify(ir['schemaVersion'])} (expected ${IR_SCHEMA_VERSION})`)
  if (typeof ir['name'] !== 'string') fail('name must be a string')
  if (ir['target'] !== undefined && ir['target'] !== 'kafka-connect' && ir['target'] !== 'pipe') fail("target must be 'kafka-connect' or 'pipe'")
  const nodes = ir['nodes']
  if (!Array.isArray(nodes)) fail('nodes must be an array')
  const ids = new Set(nodes.map(checkNode))
  if (ids.size !== nodes.length) fail('node ids must be unique')
  checkEdges(ir['edges'], ids)
  // the shape was checked above, field by field
  return value as unknown as PipelineIR
}
