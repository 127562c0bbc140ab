import { connect } from 'node:net'
import { UserError } from './user-error.js'

/** Resolves true when a TCP connection to `host:port` opens within `timeoutMs`. */
function reachable(address: string, timeoutMs: number): Promise<boolean> {
  const colon = address.lastIndexOf(':')
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '')
  const port = Number(address.slice(colon + 1))
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => { done(false) })
    socket.once('connect', () => { done(true) })
    socket.once('error', () => { done(false) })
  })
}

/**
 * Fails fast, with one line naming the address and how to start a broker, when none of the
 * bootstrap servers accepts a connection (kafkajs alone would retry for minutes).
 */
export async function assertBrokerReachable(brokers: readonly string[], timeoutMs: number): Promise<void> {
  const results = await Promise.all(brokers.map((b) => reachable(b, timeoutMs)))
  if (results.some((ok) => ok)) return
  throw new UserError(
    'PIPE_BROKER_UNREACHABLE',
    `cannot reach a Kafka broker at ${brokers.join(',')} (connection refused, or no answer within ${String(Math.round(timeoutMs / 1000))}s)`,
    'start one (in this repository: pnpm infra up kafka), check --bootstrap-servers / PIPE_BOOTSTRAP_SERVERS, or leave both unset to run embedded',
  )
}
