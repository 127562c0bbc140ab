import type * as KafkaJs from 'kafkajs'
import type { Assigner, Consumer, Kafka, PartitionAssigner } from 'kafkajs'
import { lazyModule } from '../../lazy-module.js'
import { retrying } from './kafka-log.js'

const kafkajs = lazyModule<typeof KafkaJs>('kafkajs')

/** pipe's own group protocol name: pipe workers form their own groups, never a Kafka Connect cluster's. */
export const PROTOCOL = 'pipe-worker-v1'

/** A member of the worker group: its group member id and REST URL (`host:port`, its worker_id). */
export interface GroupMember {
  readonly id: string
  readonly url: string
}

/** The group as the leader's last assignment describes it. */
export interface GroupView {
  /** Increases with every assignment (the group leader counts on from the members' last ones). */
  readonly generation: number
  readonly memberId: string
  /** In the leader's order: the order in which connectors and tasks are dealt out. */
  readonly members: readonly GroupMember[]
  readonly leaderUrl: string
  /** ms this rebalance took here: from the group asking to rebalance (or this worker joining) until its assignment was read. */
  readonly rebalanceMs: number
}

interface MemberData {
  readonly url: string
  readonly generation: number
}

interface AssignmentData {
  readonly generation: number
  readonly leader: string
  readonly members: readonly GroupMember[]
}

/** User data written by this file (JSON), or `undefined` when empty or foreign. */
function parse(buffer: Buffer | null | undefined): unknown {
  try {
    return buffer === null || buffer === undefined || buffer.length === 0 ? undefined : JSON.parse(buffer.toString('utf8'))
  } catch {
    return undefined
  }
}

/** The leader gives every member the whole, ordered member list; nobody consumes the subscribed topic. */
function workerAssigner(self: () => MemberData): PartitionAssigner {
  return (): Assigner => ({
    name: PROTOCOL,
    version: 1,
    protocol: ({ topics }) => ({
      name: PROTOCOL,
      metadata: kafkajs().AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.from(JSON.stringify(self())) }),
    }),
    assign: ({ members }) => {
      // casts: user data of this protocol is only ever written by this file
      const data = members.map((m) => ({ id: m.memberId, meta: parse(kafkajs().AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData) as MemberData | undefined }))
      const generation = Math.max(0, ...data.map((d) => d.meta?.generation ?? 0)) + 1
      const list = data.map((d) => ({ id: d.id, url: d.meta?.url ?? '' })).sort((a, b) => a.url.localeCompare(b.url) || a.id.localeCompare(b.id))
      const userData = Buffer.from(JSON.stringify({ generation, leader: self().url, members: list } satisfies AssignmentData))
      return Promise.resolve(members.map((m) => ({ memberId: m.memberId, memberAssignment: kafkajs().AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: {}, userData }) })))
    },
  })
}

/** How a worker joins its group. */
export interface MembershipOptions {
  readonly kafka: Kafka
  readonly groupId: string
  /** A topic to subscribe to (kafkajs needs one); the config topic. */
  readonly topic: string
  readonly url: string
  readonly sessionTimeoutMs: number
  readonly heartbeatIntervalMs: number
  /** The highest generation in the status topic: a restarted group counts on from it. */
  readonly initialGeneration: number
  readonly onAssignment: (view: GroupView) => void
  /** The group began a rebalance (a member joined or left): this worker's tasks keep running until its new assignment. */
  readonly onRebalancing?: () => void
  readonly log: (line: string) => void
}

/** Membership in the worker group; `leave` stops heartbeating and leaves at once (a clean rebalance). */
export interface Membership {
  leave(): Promise<void>
}

async function readAssignment(consumer: Consumer, memberId: string): Promise<AssignmentData | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const group = await consumer.describeGroup()
    const me = group.members.find((m) => m.memberId === memberId)
    const data = group.state === 'Stable' && me !== undefined ? parse(kafkajs().AssignerProtocol.MemberAssignment.decode(me.memberAssignment)?.userData) as AssignmentData | undefined : undefined
    if (data !== undefined) return data
    await new Promise((r) => setTimeout(r, 250))
  }
  return undefined
}

/**
 * Joins the worker group through Kafka's group membership (a kafkajs consumer group with pipe's
 * own assigner). The group leader's assignment carries the member list in its user data; kafkajs
 * drops user data, so each member reads its own assignment back with DescribeGroups.
 */
export async function joinWorkerGroup(options: MembershipOptions): Promise<Membership> {
  let generation = options.initialGeneration
  let joins = 0
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    partitionAssigners: [workerAssigner(() => ({ url: options.url, generation }))],
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    rebalanceTimeout: 60_000,
    // an idle member sleeps this long between heartbeats; a leaving one waits for it
    maxWaitTimeInMs: 500,
  })
  // when the rebalance now under way began: the group's REBALANCING, else the start of the join kafkajs reports
  let rebalancingSince: number | undefined
  consumer.on(consumer.events.REBALANCING, () => {
    rebalancingSince ??= Date.now()
    options.onRebalancing?.()
  })
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const join = ++joins
    const began = rebalancingSince ?? Date.now() - event.payload.duration
    readAssignment(consumer, event.payload.memberId).then((data) => {
      if (data === undefined || join !== joins) return
      generation = data.generation
      rebalancingSince = undefined
      options.onAssignment({ generation: data.generation, memberId: event.payload.memberId, members: data.members, leaderUrl: data.leader, rebalanceMs: Math.max(0, Date.now() - began) })
    }, (error: unknown) => {
      options.log(`WARN cannot read the group assignment: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  consumer.on(consumer.events.CRASH, (event) => {
    const restart = event.payload.restart ? 'rejoining' : 'no longer a member: restart the worker'
    options.log(`WARN group membership failed (${restart}): ${event.payload.error.message}`)
  })
  await consumer.connect()
  await retrying(() => consumer.subscribe({ topics: [options.topic], fromBeginning: false }))
  await consumer.run({ autoCommit: false, eachBatch: () => Promise.resolve() })
  return { leave: () => consumer.disconnect() }
}
