// @servers kafka
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { waitFor } from '../../support/wait-for.js'
import type { DistributedWorker, Status } from './distributed-workers.js'
import { createTopics, getJson, send, startDistributedWorker } from './distributed-workers.js'

const started: DistributedWorker[] = []

afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()))
})

const allOn = (status: Status, worker: string, tasks: number): boolean =>
  status.connector.state === 'RUNNING' && status.connector.worker_id === worker && status.tasks.length === tasks && status.tasks.every((t) => t.state === 'RUNNING' && t.worker_id === worker)

/** The time of the first log line that contains `text` (lines start with `[ISO time]`). */
function logTime(output: string, text: string): number | undefined {
  const line = output.split('\n').find((l) => l.includes(text.trim()))
  const stamp = line === undefined ? undefined : /^\[([^\]]+)\]/.exec(line)?.[1]
  return stamp === undefined ? undefined : Date.parse(stamp)
}

describe('a distributed pipe worker group', () => {
  it('serves a connector created on one worker from the other, hands over on Ctrl-C, and keeps connectors across a group restart', async ({ annotate }) => {
    const { bootstrapServers } = servers().kafka
    const id = randomUUID().slice(0, 8)
    const group = `pipe-group-${id}`
    const [input, output] = [`group-in-${id}`, `group-out-${id}`]
    await createTopics(bootstrapServers, [input], 2)
    const secret = `s3cr3t-${id}`
    const a = await startDistributedWorker(group, bootstrapServers, { PIPE_DIST_SECRET: secret })
    const b = await startDistributedWorker(group, bootstrapServers, { PIPE_DIST_SECRET: secret })
    started.push(a, b)

    // a connector created on A is visible, with its config and tasks, on B
    const name = `copy-${id}`
    // the secret is resolved by the tasks (the target topic's name), never shown
    const config = { 'connector.class': 'pipe:topic-to-topic-sink', topics: input, topic: `${output}-\${env:PIPE_DIST_SECRET}`, 'tasks.max': '2' }
    expect((await send('POST', `${a.url}/connectors`, { name, config })).status).toBe(201)
    expect(await getJson<string[]>(`${b.url}/connectors`)).toContain(name)
    expect(await getJson<Record<string, string>>(`${b.url}/connectors/${name}/config`)).toEqual({ ...config, name })
    const spread = await waitFor('both tasks RUNNING, one on each worker', async () => {
      const s = await getJson<Status>(`${b.url}/connectors/${name}/status`)
      return s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING') && new Set(s.tasks.map((t) => t.worker_id)).size === 2 ? s : undefined
    }, 60_000)
    expect((await getJson<{ id: unknown }[]>(`${a.url}/connectors/${name}/tasks`)).map((t) => t.id)).toEqual([{ connector: name, task: 0 }, { connector: name, task: 1 }])
    // A saw B join: its rebalance figures count it (connect-worker-rebalance-metrics), with the time it took
    const metricsOfA = await (await fetch(`${a.url}/metrics`)).text()
    const figure = (metric: string): number => Number(new RegExp(`^kafka_connect_connect_worker_rebalance_metrics_${metric} (\\S+)$`, 'm').exec(metricsOfA)?.[1] ?? 'NaN')
    expect(figure('completed_rebalances_total')).toBeGreaterThanOrEqual(2)
    expect(figure('rebalance_max_time_ms')).toBeGreaterThan(0)
    expect(figure('rebalance_avg_time_ms')).toBeLessThanOrEqual(figure('rebalance_max_time_ms'))
    expect(figure('rebalancing')).toBe(0)
    // pause on B reaches the task on A
    expect((await send('PUT', `${b.url}/connectors/${name}/pause`)).status).toBe(202)
    await waitFor('both tasks PAUSED', async () => ((await getJson<Status>(`${a.url}/connectors/${name}/status`)).tasks.every((t) => t.state === 'PAUSED') ? true : undefined), 30_000)
    expect((await send('PUT', `${a.url}/connectors/${name}/resume`)).status).toBe(202)
    expect(spread.connector.state).toBe('RUNNING')
    // stop removes the tasks; resume brings them back
    expect((await send('PUT', `${a.url}/connectors/${name}/stop`)).status).toBe(204)
    await waitFor('the connector STOPPED without tasks', async () => {
      const s = await getJson<Status>(`${b.url}/connectors/${name}/status`)
      return s.connector.state === 'STOPPED' && s.tasks.length === 0 ? true : undefined
    }, 30_000)
    expect((await send('PUT', `${b.url}/connectors/${name}/resume`)).status).toBe(202)
    const resumed = await waitFor('both tasks RUNNING again', async () => {
      const s = await getJson<Status>(`${a.url}/connectors/${name}/status`)
      return s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING') ? s : undefined
    }, 30_000)
    // a task restart asked of B for a task that runs on A is forwarded to A
    const onA = resumed.tasks.find((t) => t.worker_id === a.id)?.id
    expect((await send('POST', `${b.url}/connectors/${name}/tasks/${String(onA)}/restart`)).status).toBe(204)
    await waitFor('the task to restart on A', () => Promise.resolve(a.output().includes(`task ${name}-${String(onA)} restarted`) ? true : undefined), 30_000)
    expect((await send('POST', `${b.url}/connectors/${name}/tasks/7/restart`)).body).toEqual({ error_code: 404, message: `Unknown task: ${name}-7` })

    const answers = await Promise.all([`/connectors/${name}`, `/connectors/${name}/config`, `/connectors/${name}/tasks`, `/connectors/${name}/status`, '/connectors?expand=info&expand=status']
      .map(async (path) => JSON.stringify(await getJson<unknown>(`${b.url}${path}`))))
    expect(answers.join('\n')).toContain('${env:PIPE_DIST_SECRET}')
    expect([...answers, a.output(), b.output()].join('\n')).not.toContain(secret)

    // Ctrl-C on A: it stops its tasks, then leaves the group at once, well before its session would time out
    const seen = b.output().length
    const stoppedAt = Date.now()
    expect(await a.stop()).toBe(0)
    const rejoined = await waitFor('B to rejoin the group alone', () => Promise.resolve(logTime(b.output().slice(seen), `(leader): ${b.id}\n`)), 30_000)
    await waitFor('every task RUNNING on B', async () => (allOn(await getJson<Status>(`${b.url}/connectors/${name}/status`), b.id, 2) ? true : undefined), 30_000)
    const left = logTime(a.output(), 'leaving group')
    expect(left).toBeDefined()
    const leaveMs = rejoined - (left ?? 0)
    await annotate(`A left the group ${String((left ?? 0) - stoppedAt)} ms after Ctrl-C (its tasks stopped first); B alone in the group ${String(leaveMs)} ms later; tasks RUNNING on B ${String(Date.now() - stoppedAt)} ms after Ctrl-C`)
    // a worker that vanished would be noticed only after the 10 s session timeout
    expect(leaveMs).toBeLessThan(5_000)

    // the whole group stops; a new worker reads the connector back from the config topic
    expect(await b.stop()).toBe(0)
    const c = await startDistributedWorker(group, bootstrapServers, { PIPE_DIST_SECRET: secret })
    started.push(c)
    expect(await getJson<string[]>(`${c.url}/connectors`)).toEqual([name])
    await waitFor('the connector RUNNING on the restarted group', async () => (allOn(await getJson<Status>(`${c.url}/connectors/${name}/status`), c.id, 2) ? true : undefined), 60_000)

    // a delete is seen by the group: the connector and its statuses go
    expect((await send('DELETE', `${c.url}/connectors/${name}`)).status).toBe(204)
    expect((await send('GET', `${c.url}/connectors/${name}/status`)).status).toBe(404)
  }, 240_000)
})
