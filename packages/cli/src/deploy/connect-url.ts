import { createKafkaConnectClient, type KafkaConnectClient } from './kafka-connect-client.js'

/** Kafka Connect's default listener, used when neither --connect nor PIPE_CONNECT_URL is given. */
export const DEFAULT_CONNECT_URL = 'http://127.0.0.1:8083'

/** The worker URL: `--connect`, else PIPE_CONNECT_URL, else Kafka Connect's default listener. */
export function connectUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = option ?? env['PIPE_CONNECT_URL']
  return given === undefined || given === '' ? DEFAULT_CONNECT_URL : given
}

export const CONNECT_OPTION_HELP = `Kafka Connect REST URL, http://user:password@host for basic auth (default: $PIPE_CONNECT_URL, else ${DEFAULT_CONNECT_URL}; $PIPE_CONNECT_TOKEN is sent as a bearer token)`

/** A client for `--connect` (or PIPE_CONNECT_URL); PIPE_CONNECT_TOKEN, when set, is sent as a bearer token. */
export function connectClient(option: string | undefined, env: NodeJS.ProcessEnv = process.env): KafkaConnectClient {
  return createKafkaConnectClient(connectUrl(option, env), { token: env['PIPE_CONNECT_TOKEN'] })
}
