import type * as KafkaJs from 'kafkajs'
import { randomUUID } from 'node:crypto'
import { connect as tcpConnect, isIP } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import type { Admin, IHeaders, Kafka, ISocketFactory, KafkaConfig, KafkaMessage, Message, Producer } from 'kafkajs'
import { lazyModule } from '../lazy-module.js'
import { retryAsync } from '../operators/retry-async.js'
import type { LineWriter } from '../tasks/task-context.js'
import type { JoinOptions, KafkaBatchHandler, KafkaClient, KafkaGroupMember, KafkaReadRecord, KafkaRecord } from './kafka-client.js'
import { alterKafkaGroupOffsets, deleteKafkaGroup } from './kafka-group-offsets.js'
import { requestBytes, type GroupOffsetChange, type TopicSpec } from './topic-backend.js'
import { authorized, kafkajsSecurity, type KafkaSecurity } from './kafka-security.js'

/** How to reach the brokers. */
export interface KafkajsClientOptions {
  readonly bootstrapServers: string
  readonly clientId?: string
  /** TLS and SASL (Kafka's `security.protocol`, `ssl.*`, `sasl.*`); plaintext when unset. */
  readonly security?: KafkaSecurity
  /** Where kafkajs logs go (errors and warnings); silent when unset. */
  readonly log?: LineWriter
  /**
   * The sink consumers' session timeout: how long the group waits for a member that died (kill -9)
   * before its partitions move to a new member. Kafka Connect's consumer uses 45 s; pipe uses 10 s, so a
   * restarted `pipe run` resumes quickly (the broker's group.min.session.timeout.ms is 6 s by default).
   * @default 10000
   */
  readonly sessionTimeoutMs?: number
  /**
   * At most this many records per produce request; a larger batch is sent as several requests,
   * one after the other. Stock kafkajs 2.2.4 groups a request's records by partition in time that
   * grows with the square of their number; patches/kafkajs@2.2.4.patch makes that linear. A source
   * task on Kafka gathers up to 4,096 records while the request before is in flight and sends them
   * as one request (within `maxRequestBytes`): one acknowledgement to wait for instead of twelve (3 per 1,024).
   * @default 4096
   */
  readonly maxRequestRecords?: number
  /**
   * At most about this many bytes of records (keys, values, headers and a record's framing) per produce
   * request, whatever their number: a broker refuses a record batch over its `message.max.bytes`
   * (1,048,588 by default), as Kafka's Java producer bounds a request by `max.request.size` (1 MiB).
   * A single larger record still goes alone, and the broker says whether it takes it.
   * @default 1,000,000
   */
  readonly maxRequestBytes?: number
}

/**
 * kafkajs's socket factory with Nagle's algorithm off (TCP_NODELAY, as Kafka's Java client and the broker
 * set it): with one produce request in flight, the last segment of a request may otherwise wait for the
 * broker's ACK of the segments before it. Produce of 100k x 200 B in requests of 256 records, alternated
 * three times on one broker: 157k/298k/257k records/s with Nagle, 180k/307k/343k without.
 */
const kafkajs = lazyModule<typeof KafkaJs>('kafkajs')

const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  // kafkajs passes its `ssl` setting as given (options, or true) and null for plaintext, whatever its type says
  const tls: unknown = ssl
  const socket = tls === null || tls === undefined || tls === false
    ? tcpConnect({ host, port, noDelay: true }, onConnect)
    : tlsConnect({ host, port, ...(isIP(host) === 0 ? { servername: host } : {}), ...(typeof tls === 'object' ? ssl : {}) }, onConnect)
  socket.setNoDelay(true)
  socket.setKeepAlive(true, 60_000)
  return socket
}

// shared by every header-less record: kafkajs only reads it
const NO_HEADERS: IHeaders = Object.freeze({})
const NO_READ_HEADERS: KafkaReadRecord['headers'] = Object.freeze([])

function headersOf(record: KafkaRecord): IHeaders {
  if (record.headers.length === 0) return NO_HEADERS
  const out: Record<string, Buffer[]> = {}
  for (const h of record.headers) if (h.value !== null) (out[h.key] ??= []).push(h.value)
  return out
}

function readHeaders(headers: IHeaders | undefined): KafkaReadRecord['headers'] {
  if (headers === undefined) return NO_READ_HEADERS
  const out: { key: string; value: Buffer | null }[] = []
  for (const key in headers) {
    const v = headers[key]
    for (const value of Array.isArray(v) ? v : [v]) out.push({ key, value: value === undefined ? null : Buffer.from(value) })
  }
  return out.length === 0 ? NO_READ_HEADERS : out
}

function fromMessage(topic: string, partition: number, m: KafkaMessage): KafkaReadRecord {
  return { topic, partition, offset: Number(m.offset), key: m.key, value: m.value, headers: readHeaders(m.headers), timestamp: Number(m.timestamp) }
}

/**
 * kafkajs's message shape, built once per record (no spread: this runs for every record produced). The
 * timestamp stays a number, though kafkajs types it as a string: the patched produce encoder reads it with
 * `Number()` (patches/kafkajs@2.2.4.patch), so no string per record is made only to be parsed again.
 */
function toMessage(r: KafkaRecord): Message {
  const message: Message = { key: r.key, value: r.value, headers: headersOf(r), timestamp: r.timestamp as unknown as string } // cast: see above
  if (r.partition !== undefined) message.partition = r.partition
  return message
}

const isTransient = (error: unknown): boolean => typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true

/** Retries transient broker errors (leader moves after topic creation, broker restarts) for up to `timeoutMs`, like Connect's producer. */
function withBrokerRetries<T>(operation: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  return retryAsync(operation, { isRetriable: isTransient, initialDelayMs: 100, maxDelayMs: 5000, timeoutMs })
}

async function readTopic(kafka: Kafka, admin: Admin, topic: string): Promise<KafkaReadRecord[]> {
  const ends = await withBrokerRetries(() => admin.fetchTopicOffsets(topic))
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]))
  if (remaining.size === 0) return []
  const out: KafkaReadRecord[] = []
  const consumer = kafka.consumer({ groupId: `pipe-reader-${randomUUID()}` })
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await new Promise<void>((resolve, reject) => {
    consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) out.push(fromMessage(topic, batch.partition, m))
        const last = batch.messages.at(-1)
        if (last !== undefined && Number(last.offset) + 1 >= (remaining.get(batch.partition) ?? 0)) remaining.delete(batch.partition)
        if (remaining.size === 0) resolve()
        await Promise.resolve()
      },
    }).catch(reject)
  })
  await consumer.disconnect()
  return out
}

class KafkajsClient implements KafkaClient {
  readonly #kafka: Kafka
  readonly #config: KafkaConfig
  // kafkajs takes the client id per Kafka instance: one for each other id a task's clients carry
  readonly #byClientId = new Map<string, Kafka>()
  // the idempotent producers of the tasks' client ids (`send(records, clientId)`), until released
  readonly #producers = new Map<string, Promise<Producer>>()
  readonly #admin: Admin
  readonly #adminReady: Promise<void>
  readonly #sessionTimeoutMs: number
  readonly #maxRequestRecords: number
  readonly #maxRequestBytes: number
  #producer: Promise<Producer> | undefined

  constructor(options: KafkajsClientOptions) {
    this.#config = {
      clientId: options.clientId ?? 'pipe',
      brokers: options.bootstrapServers.split(',').map((b) => b.trim()),
      ...kafkajsSecurity(options.security),
      logLevel: options.log === undefined ? kafkajs().logLevel.NOTHING : kafkajs().logLevel.WARN,
      logCreator: () => (entry) => options.log?.write(`kafkajs ${entry.namespace}: ${entry.log.message}`),
      socketFactory: noDelaySocketFactory,
    }
    this.#kafka = new (kafkajs().Kafka)(this.#config)
    this.#admin = this.#kafka.admin()
    this.#adminReady = this.#admin.connect()
    // awaited by every admin call; until then a refused connection must not be an unhandled rejection
    this.#adminReady.catch(() => undefined)
    this.#sessionTimeoutMs = options.sessionTimeoutMs ?? 10_000
    this.#maxRequestRecords = Math.max(1, options.maxRequestRecords ?? 4096)
    this.#maxRequestBytes = Math.max(1, options.maxRequestBytes ?? 1_000_000)
  }

  #kafkaFor(clientId: string | undefined): Kafka {
    if (clientId === undefined || clientId === this.#config.clientId) return this.#kafka
    let kafka = this.#byClientId.get(clientId)
    if (kafka === undefined) {
      kafka = new (kafkajs().Kafka)({ ...this.#config, clientId })
      this.#byClientId.set(clientId, kafka)
    }
    return kafka
  }

  #connectedProducer(clientId: string | undefined): Promise<Producer> {
    const connect = async (): Promise<Producer> => {
      const p = this.#kafkaFor(clientId).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true, createPartitioner: kafkajs().Partitioners.DefaultPartitioner })
      await p.connect()
      return p
    }
    if (clientId === undefined) return (this.#producer ??= connect())
    let producer = this.#producers.get(clientId)
    if (producer === undefined) {
      producer = connect()
      this.#producers.set(clientId, producer)
      // a producer that failed to connect is created again by the next send
      producer.catch(() => { if (this.#producers.get(clientId) === producer) this.#producers.delete(clientId) })
    }
    return producer
  }

  async releaseProducer(clientId: string): Promise<void> {
    const producer = this.#producers.get(clientId)
    this.#producers.delete(clientId)
    this.#byClientId.delete(clientId)
    if (producer !== undefined) await (await producer).disconnect()
  }

  async send(records: readonly KafkaRecord[], clientId?: string): Promise<void> {
    const p = await this.#connectedProducer(clientId)
    const byTopic = new Map<string, KafkaRecord[]>()
    for (const r of records) {
      const list = byTopic.get(r.topic)
      if (list === undefined) byTopic.set(r.topic, [r])
      else list.push(r)
    }
    // one request at a time, in order (the idempotent producer allows one in flight), each within the records and bytes bounds
    for (const [topic, list] of byTopic) {
      for (let i = 0; i < list.length;) {
        const messages: Message[] = []
        let bytes = 0
        for (; i < list.length && messages.length < this.#maxRequestRecords; i++) {
          const r = list[i] as KafkaRecord // i < list.length
          const size = requestBytes(r)
          if (messages.length > 0 && bytes + size > this.#maxRequestBytes) break
          bytes += size
          messages.push(toMessage(r))
        }
        const topicMessages = [{ topic, messages }]
        await authorized(topic, 'WRITE', () => withBrokerRetries(() => p.sendBatch({ acks: -1, topicMessages })))
      }
    }
  }

  /** Resolves once the client reached a broker, authenticated and read the cluster's metadata; rejects with why it could not. */
  async ready(): Promise<void> {
    await this.#adminReady
    // a request past the handshake: a SASL listener reached without SASL closes the connection here
    await this.#admin.describeCluster()
  }

  async createTopic(spec: TopicSpec): Promise<void> {
    await this.#adminReady
    const configEntries = Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value }))
    await authorized(spec.name, 'CREATE', () => withBrokerRetries(() => this.#admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: spec.name, numPartitions: spec.partitions ?? -1, replicationFactor: spec.replicationFactor ?? -1, configEntries }],
    })))
  }

  async brokerCount(): Promise<number> {
    await this.#adminReady
    return (await withBrokerRetries(() => this.#admin.describeCluster())).brokers.length
  }

  async partitions(topic: string): Promise<number> {
    await this.#adminReady
    if (!(await this.#admin.listTopics()).includes(topic)) return 0
    const meta = await withBrokerRetries(() => this.#admin.fetchTopicMetadata({ topics: [topic] }))
    return meta.topics[0]?.partitions.length ?? 0
  }

  async readAll(topic: string): Promise<readonly KafkaReadRecord[]> {
    await this.#adminReady
    return authorized(topic, 'READ', () => readTopic(this.#kafka, this.#admin, topic))
  }

  async joinGroup(group: string, topics: readonly string[], onBatch: KafkaBatchHandler, options: JoinOptions = {}): Promise<KafkaGroupMember> {
    const consumer = this.#kafkaFor(options.clientId).consumer({
      groupId: group,
      allowAutoTopicCreation: true,
      sessionTimeout: this.#sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.#sessionTimeoutMs / 4),
      // an idle member heartbeats (and so rejoins a rebalance) only between fetches: kafkajs' 5 s
      // fetch wait held every rebalance of a sink group (a task starting or stopping) for seconds
      maxWaitTimeInMs: 1000,
    })
    const { onAssignment } = options
    // emitted by kafkajs right after each join and sync, before it fetches for the new assignment
    if (onAssignment !== undefined) {
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        onAssignment(Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition }))))
      })
    }
    await consumer.connect()
    await authorized(topics.join(', '), 'READ', () => consumer.subscribe({ topics: [...topics], fromBeginning: true }), group)
    await consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => onBatch(payload.batch.messages.map((m) => fromMessage(payload.batch.topic, payload.batch.partition, m)), () => payload.heartbeat()),
    })
    return {
      commit: (offsets) => consumer.commitOffsets(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) }))),
      stop: () => consumer.disconnect(),
    }
  }

  async groupOffsets(group: string): Promise<readonly { topic: string; partition: number; offset: number }[]> {
    await this.#adminReady
    const topics = await this.#admin.fetchOffsets({ groupId: group })
    return topics.flatMap((t) => t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })))
  }

  async alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void> {
    await this.#adminReady
    await alterKafkaGroupOffsets(this.#admin, group, changes)
  }

  async deleteGroup(group: string): Promise<void> {
    await this.#adminReady
    await deleteKafkaGroup(this.#admin, group)
  }

  async close(): Promise<void> {
    await Promise.all([...this.#producers.keys()].map((id) => this.releaseProducer(id).catch(() => undefined)))
    if (this.#producer !== undefined) await (await this.#producer).disconnect()
    await this.#adminReady
    await this.#admin.disconnect()
  }
}

/** The kafkajs implementation of `KafkaClient`: idempotent producer (`maxInFlightRequests: 1`, acks=all). */
export function createKafkajsClient(options: KafkajsClientOptions): KafkaClient {
  return new KafkajsClient(options)
}
