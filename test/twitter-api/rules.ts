import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendInvalidRequest, sendJson } from './problems.js'

/** The filtered stream's rule set and GET/POST /2/tweets/search/stream/rules. */

export interface StreamRule {
  readonly id: string
  readonly value: string
  readonly tag?: string
}

interface RuleInput {
  readonly value: string
  readonly tag?: string
}

export class RuleStore {
  readonly #rules = new Map<string, StreamRule>()
  #nextId = 1_600_000_000_000_000_000n

  constructor(initial: readonly RuleInput[] = []) {
    for (const r of initial) this.#create(r)
  }

  list(): StreamRule[] {
    return [...this.#rules.values()]
  }

  #create(input: RuleInput): StreamRule {
    this.#nextId += 1_048_577n
    const rule: StreamRule = { id: this.#nextId.toString(), value: input.value, ...(input.tag === undefined ? {} : { tag: input.tag }) }
    this.#rules.set(rule.id, rule)
    return rule
  }

  add(inputs: readonly RuleInput[], dryRun: boolean): { created: StreamRule[]; errors: unknown[] } {
    const created: StreamRule[] = []
    const errors: unknown[] = []
    const seen = new Set(this.list().map((r) => r.value))
    for (const input of inputs) {
      const existing = this.list().find((r) => r.value === input.value)
      if (seen.has(input.value)) {
        errors.push({ value: input.value, id: existing?.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' })
        continue
      }
      seen.add(input.value)
      created.push(dryRun ? { id: '0', ...input } : this.#create(input))
    }
    return { created, errors }
  }

  delete(ids: readonly string[], dryRun: boolean): { deleted: number; errors: unknown[] } {
    let deleted = 0
    const errors: unknown[] = []
    for (const id of ids) {
      if (!this.#rules.has(id)) {
        errors.push({ id, title: 'Not Found', detail: `rule ${id} does not exist`, type: 'https://api.twitter.com/2/problems/resource-not-found' })
        continue
      }
      deleted += 1
      if (!dryRun) this.#rules.delete(id)
    }
    return { deleted, errors }
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function handleGetRules(store: RuleStore, url: URL, res: ServerResponse): void {
  const ids = url.searchParams.get('ids')?.split(',')
  const rules = store.list().filter((r) => ids === undefined || ids.includes(r.id))
  const meta = { sent: new Date().toISOString(), result_count: rules.length }
  sendJson(res, 200, rules.length === 0 ? { meta } : { data: rules, meta })
}

function isRuleInputs(value: unknown): value is RuleInput[] {
  return Array.isArray(value) && value.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as { value?: unknown }).value === 'string')
}

export function handlePostRules(store: RuleStore, url: URL, body: string, res: ServerResponse): void {
  const dryRun = url.searchParams.get('dry_run') === 'true'
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    sendInvalidRequest(res, 'request body is not valid JSON')
    return
  }
  const sent = new Date().toISOString()
  const request = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { add?: unknown; delete?: { ids?: unknown } }
  if (isRuleInputs(request.add)) {
    const { created, errors } = store.add(request.add, dryRun)
    const summary = { created: created.length, not_created: errors.length, valid: created.length + errors.length, invalid: 0 }
    sendJson(res, 200, { ...(created.length > 0 ? { data: created } : {}), ...(errors.length > 0 ? { errors } : {}), meta: { sent, summary } })
    return
  }
  const ids = request.delete?.ids
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
    const { deleted, errors } = store.delete(ids, dryRun)
    sendJson(res, 200, { ...(errors.length > 0 ? { errors } : {}), meta: { sent, summary: { deleted, not_deleted: errors.length } } })
    return
  }
  sendInvalidRequest(res, 'request body must hold `add` (an array of {value, tag}) or `delete` ({ids: [...]})')
}
