import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isInvalidParameter, parseFieldSelection } from './fields.js'
import { sendInvalidParameter, sendProblem } from './problems.js'
import { Publisher } from './publisher.js'
import { handleGetRules, handlePostRules, readBody, RuleStore } from './rules.js'
import type { Scenario } from './scenario.js'
import { scenarioIds } from './scenario.js'
import { handleSearchRecent } from './search.js'
import { serveStream } from './stream.js'

/** What the server answered, for tests to assert on. Tokens are never recorded. */
export interface ServedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly status: number
}

export interface ServedLog {
  readonly requests: ServedRequest[]
  /** ids written to stream connections, in order, duplicates included */
  readonly streamedIds: string[]
  /** stream connection attempts, refused ones included */
  streamConnections: number
}

export interface TwitterApiServer {
  /** base URL, e.g. http://127.0.0.1:41234 (paths start with /2/) */
  readonly url: string
  readonly served: ServedLog
  readonly rules: RuleStore
  /** ids of every tweet the scenario publishes, in order */
  readonly allIds: readonly string[]
  /** ids published so far */
  publishedIds(): string[]
  /** resolves once every tweet of the scenario is published */
  whenAllPublished(): Promise<void>
  close(): Promise<void>
}

interface State {
  readonly scenario: Scenario
  readonly publisher: Publisher
  readonly rules: RuleStore
  readonly served: ServedLog
  searches: number
}

/** Starts the local Twitter API v2 server on a free 127.0.0.1 port. */
export async function startTwitterApi(scenario: Scenario): Promise<TwitterApiServer> {
  const state: State = {
    scenario,
    publisher: new Publisher(scenario),
    rules: new RuleStore(scenario.initialRules),
    served: { requests: [], streamedIds: [], streamConnections: 0 },
    searches: 0,
  }
  const server = createServer((req, res) => {
    route(state, req, res).catch(() => {
      if (!res.headersSent) sendProblem(res, 500)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo // a TCP listen always has an AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served: state.served,
    rules: state.rules,
    allIds: scenarioIds(scenario),
    publishedIds: () => state.publisher.published.map((t) => t.id),
    whenAllPublished: () => state.publisher.whenDone(),
    close: async () => {
      state.publisher.stop()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => { resolve() }))
    },
  }
}

async function route(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = req.method ?? 'GET'
  res.on('finish', () => {
    state.served.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: res.statusCode })
  })
  if (req.headers.authorization !== `Bearer ${state.scenario.bearerToken}`) {
    if (isStreamPath(url.pathname)) state.served.streamConnections += 1
    sendProblem(res, 401)
    return
  }
  const key = `${method} ${url.pathname}`
  switch (key) {
    case 'GET /2/tweets/search/stream':
      openStream(state, 'filtered', url, res)
      return
    case 'GET /2/tweets/sample/stream':
      openStream(state, 'sample', url, res)
      return
    case 'GET /2/tweets/search/stream/rules':
      handleGetRules(state.rules, url, res)
      return
    case 'POST /2/tweets/search/stream/rules':
      handlePostRules(state.rules, url, await readBody(req), res)
      return
    case 'GET /2/tweets/search/recent':
      searchRecent(state, url, res)
      return
    default:
      sendProblem(res, 404)
  }
}

function isStreamPath(path: string): boolean {
  return path === '/2/tweets/search/stream' || path === '/2/tweets/sample/stream'
}

function openStream(state: State, kind: 'filtered' | 'sample', url: URL, res: ServerResponse): void {
  const attempt = state.served.streamConnections
  state.served.streamConnections += 1
  const script = state.scenario.connections?.[attempt] ?? { kind: 'serve' }
  if (script.kind === 'error') {
    sendProblem(res, script.status, script.resetInSeconds)
    return
  }
  const selection = parseFieldSelection(url.searchParams)
  if (isInvalidParameter(selection)) {
    sendInvalidParameter(res, selection)
    return
  }
  state.publisher.start()
  serveStream(res, {
    kind,
    script,
    selection,
    keepAliveMs: state.scenario.keepAliveMs ?? 20_000,
    publisher: state.publisher,
    rules: state.rules,
    onSent: (id) => state.served.streamedIds.push(id),
  })
}

function searchRecent(state: State, url: URL, res: ServerResponse): void {
  const script = state.scenario.searches?.[state.searches] ?? { kind: 'serve' }
  state.searches += 1
  if (script.kind === 'error') {
    sendProblem(res, script.status, 1)
    return
  }
  handleSearchRecent(state.publisher.published, url, res)
}
