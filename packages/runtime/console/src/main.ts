import { h, render, type ComponentChild, type ComponentChildren } from 'preact'
import { call, connectors, figures, offsets, setToken, token, Unauthorized, type ConnectorFigures, type ConnectorView } from './api.js'
import { groupPipelines, layoutPipeline, type GraphNode, type PipelineGraph } from './graph.js'

/** What the page shows: the worker's connectors and figures, polled every second. */
interface Model {
  connectors: ConnectorView[]
  figures: Map<string, ConnectorFigures>
  rates: Map<string, number>
  offsets: unknown
  needsToken: boolean
  tokenRefused: boolean
  error: string | undefined
  message: string | undefined
}

const model: Model = { connectors: [], figures: new Map(), rates: new Map(), offsets: undefined, needsToken: false, tokenRefused: false, error: undefined, message: undefined }
let previous: { at: number; figures: Map<string, ConnectorFigures> } | undefined

const route = (): { page: 'pipelines' } | { page: 'connector'; name: string } => {
  const m = /^#\/connectors\/(.+)$/.exec(location.hash)
  return m === null ? { page: 'pipelines' } : { page: 'connector', name: decodeURIComponent(m[1] ?? '') }
}

async function refresh(): Promise<void> {
  try {
    const [list, now] = await Promise.all([connectors(), figures()])
    const at = Date.now()
    // records/s: the change of each connector's records out since the last poll
    if (previous !== undefined && at > previous.at) {
      for (const [name, f] of now) model.rates.set(name, Math.max(0, (f.out - (previous.figures.get(name)?.out ?? f.out)) * 1000 / (at - previous.at)))
    }
    previous = { at, figures: now }
    model.connectors = list
    model.figures = now
    const r = route()
    if (r.page === 'connector') model.offsets = await offsets(r.name).catch(() => undefined)
    model.needsToken = false
    model.error = undefined
  } catch (error) {
    if (error instanceof Unauthorized) {
      model.tokenRefused = token() !== null
      model.needsToken = true
    } else {
      model.error = error instanceof Error ? error.message : String(error)
    }
  }
  draw()
}

async function act(method: string, path: string, what: string): Promise<void> {
  try {
    const response = await call(method, path)
    model.message = response.ok ? `${what}: done (HTTP ${String(response.status)})` : `${what}: HTTP ${String(response.status)} ${await response.text()}`
  } catch (error) {
    model.message = `${what}: ${error instanceof Error ? error.message : String(error)}`
  }
  await refresh()
}

const fmt = (n: number | undefined): string => (n === undefined ? '-' : n >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1))

function nodeBox(node: GraphNode, byName: Map<string, ConnectorView>): ComponentChild {
  const c = node.connector === undefined ? undefined : byName.get(node.connector)
  const f = node.connector === undefined ? undefined : model.figures.get(node.connector)
  const state = node.kind === 'step' || c === undefined ? '' : c.tasks.some((t) => t.state === 'FAILED') ? 'FAILED' : c.state
  const x = node.x - node.width / 2
  const y = node.y - node.height / 2
  const lines: ComponentChildren[] = [h('text', { x: 8, y: 18, class: 'label' }, node.label)]
  if (node.kind === 'source' || node.kind === 'sink') {
    lines.push(h('text', { x: 8, y: 34, class: `state ${state.toLowerCase()}`, 'data-state': state }, state))
    lines.push(h('text', { x: 8, y: 50, class: 'figures' }, `${fmt(model.rates.get(node.connector ?? ''))} rec/s · lag ${fmt(f?.lag)} · err ${fmt(f?.errors)}`))
  }
  const open = (): void => { if (node.connector !== undefined && node.kind !== 'step') location.hash = `#/connectors/${encodeURIComponent(node.connector)}` }
  return h('g', { class: `node ${node.kind}`, transform: `translate(${String(x)},${String(y)})`, 'data-node': node.id, 'data-rate': String(model.rates.get(node.connector ?? '') ?? 0), onClick: open },
    h('rect', { width: node.width, height: node.height, rx: node.kind === 'topic' ? 16 : 4 }), ...lines)
}

function graphView(graph: PipelineGraph, byName: Map<string, ConnectorView>): ComponentChild {
  return h('section', { class: 'pipeline', 'data-pipeline': graph.name },
    h('h2', null, graph.name),
    h('svg', { width: '100%', style: `max-width:${String(graph.width)}px`, viewBox: `0 0 ${String(graph.width)} ${String(graph.height)}` },
      h('defs', null, h('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' }, h('path', { d: 'M0,0 L10,5 L0,10 z' }))),
      ...graph.edges.map((e) => h('polyline', { class: 'edge', 'data-edge': `${e.from}->${e.to}`, points: e.points.map((p) => `${String(p.x)},${String(p.y)}`).join(' '), 'marker-end': 'url(#arrow)' })),
      ...graph.nodes.map((n) => nodeBox(n, byName))))
}

function pipelinesPage(): ComponentChild {
  const byName = new Map(model.connectors.map((c) => [c.name, c]))
  const groups = [...groupPipelines(model.connectors)].sort(([a], [b]) => a.localeCompare(b))
  return h('main', null,
    h('p', { class: 'summary' }, `${String(model.connectors.length)} connectors in ${String(groups.length)} pipelines`),
    ...groups.map(([name, cs]) => graphView(layoutPipeline(name, cs), byName)))
}

const button = (label: string, method: string, path: string): ComponentChild => h('button', { 'data-action': label, onClick: () => { void act(method, path, label) } }, label)

function connectorPage(name: string): ComponentChild {
  const c = model.connectors.find((x) => x.name === name)
  if (c === undefined) return h('main', null, h('p', null, `no connector ${name} on this worker`), h('a', { href: '#/' }, 'back'))
  const base = `../connectors/${encodeURIComponent(name)}`
  const failure = c.trace ?? c.tasks.find((t) => t.trace !== undefined)?.trace
  return h('main', { class: 'connector', 'data-connector': name },
    h('a', { href: '#/' }, '← pipelines'),
    h('h2', null, `${name} `, h('span', { class: `state ${c.state.toLowerCase()}`, 'data-connector-state': c.state }, c.state)),
    h('div', { class: 'actions' }, button('pause', 'PUT', `${base}/pause`), button('resume', 'PUT', `${base}/resume`), button('restart', 'POST', `${base}/restart?includeTasks=true&onlyFailed=true`), button('stop', 'PUT', `${base}/stop`)),
    h('h3', null, 'tasks'),
    h('table', null, h('tr', null, h('th', null, 'task'), h('th', null, 'state'), h('th', null, 'worker'), h('th', null, '')),
      ...c.tasks.map((t) => h('tr', { 'data-task': String(t.id) }, h('td', null, String(t.id)), h('td', { 'data-task-state': t.state }, t.state), h('td', null, t.worker_id),
        h('td', null, button(`restart task ${String(t.id)}`, 'POST', `${base}/tasks/${String(t.id)}/restart`))))),
    failure === undefined ? null : h('div', null, h('h3', null, 'last failure'), h('pre', { class: 'trace' }, failure)),
    h('h3', null, 'config (placeholders such as ${env:VAR} are shown, never their values)'),
    h('table', { class: 'config' }, ...Object.entries(c.config).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => h('tr', null, h('td', null, k), h('td', null, v)))),
    h('h3', null, 'offsets'),
    h('pre', { class: 'offsets' }, JSON.stringify(model.offsets, null, 2)))
}

function tokenForm(): ComponentChild {
  const submit = (event: Event): void => {
    event.preventDefault()
    const input = document.querySelector<HTMLInputElement>('#token')
    setToken(input?.value ?? '')
    void refresh()
  }
  return h('form', { class: 'token', onSubmit: submit },
    h('p', null, 'This worker asks for a token (pipe worker --auth-token).'),
    model.tokenRefused ? h('p', { class: 'refused' }, 'The worker refused that token.') : null,
    h('input', { id: 'token', type: 'password', placeholder: 'bearer token', autocomplete: 'off' }),
    h('button', { type: 'submit' }, 'sign in'))
}

function draw(): void {
  const r = route()
  const page = model.needsToken ? tokenForm() : r.page === 'connector' ? connectorPage(r.name) : pipelinesPage()
  render(h('div', null,
    h('header', null, h('a', { href: '#/' }, h('strong', null, 'pipe')), ' console'),
    model.error === undefined ? null : h('p', { class: 'error' }, model.error),
    model.message === undefined ? null : h('p', { class: 'message' }, model.message),
    page), document.body)
}

window.addEventListener('hashchange', () => { void refresh() })
void refresh()
setInterval(() => { if (!model.needsToken) void refresh() }, 1000)
