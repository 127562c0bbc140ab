// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'

interface ConnectorStatus {
  connector: { state: string }
  tasks: { id: number; state: string }[]
}

describe('kafka connect worker', () => {
  it('runs a FileStreamSource connector posted to its REST API, reports it RUNNING, and deletes it', async () => {
    const { url } = servers().connect
    const name = `smoke-file-${randomUUID().slice(0, 8)}`
    const topic = `${name}-topic`
    const file = join(mkdtempSync(join(tmpdir(), 'pipe-smoke-')), 'input.txt')
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${randomUUID()}`)
    writeFileSync(file, lines.join('\n') + '\n')

    const created = await connectRequest(url, 'POST', '/connectors', {
      name,
      config: { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file, topic },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name, config: { file, topic }, type: 'source' })

    const status = await waitFor('connector and task RUNNING', async () => {
      const response = await connectRequest(url, 'GET', `/connectors/${name}/status`)
      const body = response.body as ConnectorStatus
      const running = response.status === 200 && body.connector.state === 'RUNNING' && body.tasks.length === 1 && body.tasks.every((task) => task.state === 'RUNNING')
      return running ? body : undefined
    })
    expect(status.tasks[0]?.id).toBe(0)

    const kafka = new Kafka({ clientId: 'pipe-smoke', brokers: [...servers().kafka.brokers], logLevel: logLevel.ERROR })
    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` })
    const received: string[] = []
    await consumer.connect()
    await waitFor('the topic to exist', async () => (await kafka.admin().listTopics()).includes(topic) ? true : undefined, 30_000).catch(() => undefined)
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${received.length} of ${lines.length} lines arrived within 60s`)) }, 60_000)
      void consumer.run({
        eachMessage: ({ message }) => {
          // the worker's JsonConverter (schemas disabled) writes each line as a JSON string
          received.push(JSON.parse(String(message.value)) as string)
          if (received.length === lines.length) { clearTimeout(timer); resolve() }
          return Promise.resolve()
        },
      })
    })
    await consumer.disconnect()
    expect(received).toEqual(lines)

    expect((await connectRequest(url, 'DELETE', `/connectors/${name}`)).status).toBe(204)
    // in distributed mode the delete reaches the status topic asynchronously: 204 first, 404 soon after
    const gone = await waitFor('404 after delete', async () => {
      const response = await connectRequest(url, 'GET', `/connectors/${name}/status`)
      return response.status === 404 ? response : undefined
    }, 30_000)
    expect(gone.body).toMatchObject({ error_code: 404 })
  })
})
