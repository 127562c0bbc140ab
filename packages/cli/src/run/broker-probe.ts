import { connect, type Socket } from 'node:net'
import { UserError } from '../errors/user-error.js'

/** What one bootstrap address turned out to be. */
export type ProbeResult =
  | { readonly kind: 'kafka' }
  | { readonly kind: 'refused' | 'unresolved' | 'closed' | 'silent' | 'unreachable'; readonly detail?: string }
  | { readonly kind: 'other'; readonly detail: string }

const CORRELATION_ID = 0x70697065 // 'pipe'
const CLIENT_ID = 'pipe-probe'

/** A Kafka ApiVersions v0 request (api key 18): the first request every Kafka client sends, answered by every broker version. */
export function apiVersionsRequest(): Buffer {
  const body = Buffer.alloc(2 + 2 + 4 + 2 + CLIENT_ID.length)
  body.writeInt16BE(18, 0)
  body.writeInt16BE(0, 2)
  body.writeInt32BE(CORRELATION_ID, 4)
  body.writeInt16BE(CLIENT_ID.length, 8)
  body.write(CLIENT_ID, 10, 'latin1')
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length, 0)
  return Buffer.concat([size, body])
}

/** The first printable line of a non-Kafka answer, to show what answered (e.g. `HTTP/1.1 400 Bad Request`). */
function describeAnswer(bytes: Buffer): string {
  const text = bytes.subarray(0, 80).toString('latin1').split(/\r?\n/)[0] ?? ''
  const printable = text.replace(/[^\x20-\x7e]/g, '')
  if (text.startsWith('HTTP/')) return `it answers HTTP ("${printable}")`
  if (bytes[0] === 0x15 && bytes[1] === 0x03) return 'it answers TLS (a TLS listener; pipe connects in plaintext)'
  return printable.length >= 4 ? `it answers "${printable}"` : `it answers ${String(bytes.length)} bytes that are not a Kafka response`
}

/** Classifies the bytes received so far: undefined while more are needed. */
export function classify(bytes: Buffer): ProbeResult | undefined {
  if (bytes.length < 8) return undefined
  const size = bytes.readInt32BE(0)
  if (size < 6 || size > 1_048_576 || bytes.readInt32BE(4) !== CORRELATION_ID) return { kind: 'other', detail: describeAnswer(bytes) }
  return { kind: 'kafka' }
}

export function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':')
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) }
}

/**
 * Connects to `address` and sends an ApiVersions request; resolves what answered within
 * `timeoutMs` (connecting and answering together), without ever rejecting.
 */
export function probeBroker(address: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0)
    let connected = false
    const socket: Socket = connect(splitAddress(address))
    const timer = setTimeout(() => { done(connected ? { kind: 'silent' } : { kind: 'unreachable' }) }, timeoutMs)
    function done(result: ProbeResult): void {
      clearTimeout(timer)
      socket.removeAllListeners('data')
      socket.on('error', () => undefined) // late errors after destroy
      socket.destroy()
      resolve(result)
    }
    socket.once('connect', () => {
      connected = true
      socket.write(apiVersionsRequest())
    })
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const result = classify(received)
      if (result !== undefined) done(result)
    })
    socket.once('end', () => { done(received.length === 0 ? { kind: 'closed' } : { kind: 'other', detail: describeAnswer(received) }) })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') done({ kind: 'refused' })
      else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') done({ kind: 'unresolved' })
      else if (connected) done(received.length === 0 ? { kind: 'closed', detail: error.code ?? error.message } : { kind: 'other', detail: describeAnswer(received) })
      else done({ kind: 'unreachable', detail: error.code ?? error.message })
    })
  })
}

function reason(address: string, result: ProbeResult, seconds: string): string {
  switch (result.kind) {
    case 'kafka': return `${address} is a Kafka broker`
    case 'refused': return `${address} refused the connection`
    case 'unresolved': return `${address}: host '${splitAddress(address).host}' cannot be resolved`
    case 'unreachable': return `${address} did not accept a connection within ${seconds}s${result.detail === undefined ? '' : ` (${result.detail})`}`
    case 'closed': return `${address} accepted the connection and closed it without answering a Kafka request`
    case 'silent': return `${address} accepted the connection but did not answer a Kafka request within ${seconds}s`
    case 'other': return `${address} is not a Kafka broker: ${result.detail}`
  }
}

/**
 * Fails fast, with one line naming each address and what is wrong with it, when none of the
 * bootstrap servers is a Kafka broker: nothing listening, a host that does not resolve, or a server
 * that accepts TCP but does not speak Kafka (Kafka Connect's REST port, a TLS listener, a server
 * that closes or never answers). kafkajs alone would retry for minutes or fail with its own trace.
 * Resolves the addresses that are brokers: kafkajs gives up on a bootstrap address that is not one
 * instead of trying the next, as Kafka's Java client does; the brokers name the rest of the cluster.
 */
export async function assertBrokerReachable(brokers: readonly string[], timeoutMs: number): Promise<readonly string[]> {
  const results = await Promise.all(brokers.map((b) => probeBroker(b, timeoutMs)))
  const kafka = brokers.filter((_, i) => results[i]?.kind === 'kafka')
  if (kafka.length > 0) return kafka
  const seconds = String(Math.round(timeoutMs / 1000))
  if (results.every((r) => r.kind === 'refused' || (r.kind === 'unreachable' && r.detail === undefined))) {
    throw new UserError(
      'PIPE_BROKER_UNREACHABLE',
      `cannot reach a Kafka broker at ${brokers.join(',')} (connection refused, or no answer within ${seconds}s)`,
      'start one (in this repository: pnpm infra up kafka), check --bootstrap-servers / PIPE_BOOTSTRAP_SERVERS, or leave both unset to run embedded',
    )
  }
  const why = brokers.map((b, i) => reason(b, results[i] ?? { kind: 'refused' }, seconds)).join('; ')
  const speaksOther = results.some((r) => r.kind === 'other' || r.kind === 'closed' || r.kind === 'silent')
  throw new UserError(
    speaksOther ? 'PIPE_NOT_A_BROKER' : 'PIPE_BROKER_UNREACHABLE',
    `no Kafka broker at ${brokers.join(',')}: ${why}`,
    speaksOther
      ? 'check the port in --bootstrap-servers / PIPE_BOOTSTRAP_SERVERS: it takes the brokers\' host:port (Kafka listens on 9092 by default; 8083 is Kafka Connect\'s REST API)'
      : 'check the host names in --bootstrap-servers / PIPE_BOOTSTRAP_SERVERS, or leave both unset to run embedded',
  )
}
