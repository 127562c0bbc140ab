/**
 * Times the web console and /metrics of a `pipe worker` running 50 connectors (25 file sources, 25 file
 * sinks, the embedded store): the console's load in headless Chromium until every connector is drawn
 * (goal: under 1 s), and `GET /metrics` (goal: under 50 ms). Records medians in bench/RESULTS.md
 * (section "console"). Run `pnpm build` first, then `pnpm exec tsx bench/console.ts [--runs N]`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { launchBrowser } from '../test/infra/browser.js'
import { startPipeWorker } from '../test/integration/worker/pipe-worker.js'
import { machineLine, recordSection } from './lib/results.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } })
const RUNS = Number(values.runs)
const CONNECTORS = 50
const log = (line: string): void => { console.error(`[bench] ${line}`) }

const median = (list: readonly number[]): number => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const row = (what: string, list: readonly number[], goal: string): string =>
  `| ${what} | ${median(list).toFixed(1)} | ${Math.min(...list).toFixed(1)} | ${Math.max(...list).toFixed(1)} | ${goal} |`

const loadBefore = loadavg()[0] ?? 0
const worker = await startPipeWorker()
const browser = await launchBrowser()
try {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-bench-console-'))
  for (let i = 0; i < CONNECTORS / 2; i++) {
    const input = join(dir, `in-${String(i)}.txt`)
    await writeFile(input, Array.from({ length: 200 }, (_, n) => `line ${String(n)}`).join('\n') + '\n')
    const post = (body: unknown): Promise<Response> => fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await post({ name: `bench-src-${String(i)}`, config: { 'connector.class': 'FileStreamSource', file: input, topic: `bench-lines-${String(i)}` } })
    await post({ name: `bench-sink-${String(i)}`, config: { 'connector.class': 'FileStreamSink', file: join(dir, `out-${String(i)}.txt`), topics: `bench-lines-${String(i)}`, 'transforms': 'mask', 'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value', 'transforms.mask.fields': 'x' } })
  }
  log(`${String(CONNECTORS)} connectors on ${worker.url}`)
  const metrics: number[] = []
  for (let i = 0; i < RUNS * 5 + 5; i++) {
    const started = performance.now()
    const response = await fetch(`${worker.url}/metrics`)
    await response.text()
    if (i >= 5) metrics.push(performance.now() - started)
  }
  const loads: number[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const page = await browser.newPage()
    const started = performance.now()
    await page.goto(`${worker.url}/ui/`)
    await page.locator('[data-node^="connector:"]').nth(CONNECTORS - 1).waitFor({ state: 'attached' })
    if (i > 0) loads.push(performance.now() - started)
    await page.close()
  }
  const loadAfter = loadavg()[0] ?? 0
  recordSection('console', [
    '## console and /metrics',
    '',
    `A \`pipe worker\` (embedded store) running ${String(CONNECTORS)} connectors (25 file sources, 25 file sinks with one SMT each).`,
    'Console load: headless Debian Chromium (playwright-core) opens /ui/ until every connector is drawn (REST API and /metrics read,',
    `graphs laid out), a fresh page each run, ${String(RUNS)} runs after one warm-up. /metrics: ${String(RUNS * 5)} sequential GETs after 5 warm-ups, the full`,
    'Prometheus text of every connector and task. Milliseconds.',
    '',
    `- date: ${new Date().toISOString()}`,
    `- ${machineLine()}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (the machine is shared with other work: figures are upper bounds)`,
    '- reproduce: `pnpm build && pnpm exec tsx bench/console.ts`',
    '',
    '| measure | median | min | max | goal |',
    '|---|---:|---:|---:|---|',
    row('console load, 50 connectors', loads, '< 1000'),
    row('GET /metrics, 50 connectors', metrics, '< 50'),
  ].join('\n'))
  log(`console load median ${median(loads).toFixed(1)} ms, /metrics median ${median(metrics).toFixed(1)} ms`)
} finally {
  await browser.close()
  await worker.stop()
}
