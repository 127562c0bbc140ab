import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { builtinConnectors } from '../plugins/default-registry.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { builtinTransforms } from '../transforms/builtin-transforms.js'
import type { ApiServer, ApiServerOptions } from './server.js'
import { startApiServer } from './server.js'

/** An in-process worker on the memory backend, a free port, and a temp dir; for route tests. */
export interface TestWorker {
  readonly server: ApiServer
  readonly dir: string
  readonly logs: string[]
  call(method: string, path: string, body?: unknown, headers?: Readonly<Record<string, string>>): Promise<{ status: number; body: unknown; headers: Headers }>
}

export async function startTestWorker(options: Partial<ApiServerOptions> = {}): Promise<TestWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-api-'))
  await writeFile(join(dir, 'in.txt'), 'a\nb\nc\n')
  const logs: string[] = []
  const server = await startApiServer({
    backend: createMemoryTopicBackend(),
    plugins: [builtinTransforms, builtinConnectors({ writer: { write: () => undefined } })],
    port: 0,
    log: (line) => { logs.push(line) },
    ...options,
  })
  return {
    server, dir, logs,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } }
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
      const response = await fetch(`${server.url}${path}`, init)
      const text = await response.text()
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as unknown, headers: response.headers }
    },
  }
}

/** Polls `check` until it is true (5 s at most). */
export async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
