import type { ConsumedMessage, MessageHeader, TopicMessage } from '../topics/topic-backend.js'
import type { StageError } from './error-policy.js'

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8')

function exceptionOf(error: unknown): { className: string; message: string; stack: string } {
  if (error instanceof Error) {
    const inner = error.cause instanceof Error && error.name === 'TransformError' ? error.cause : error
    return { className: inner.name, message: inner.message, stack: inner.stack ?? `${inner.name}: ${inner.message}` }
  }
  return { className: 'Error', message: String(error), stack: String(error) }
}

/** Where the failed record came from (sink side: a topic position; source side: the connector's target topic). */
export interface DeadLetterContext {
  readonly connector: string
  readonly taskId: number
  readonly original: TopicMessage | ConsumedMessage
}

/**
 * The dead-letter record: the original key, value and headers, plus Kafka Connect's
 * `__connect.errors.*` context headers when enabled (DeadLetterQueueReporter's order).
 */
export function deadLetterMessage(topic: string, ctx: DeadLetterContext, failure: StageError, contextHeaders: boolean): TopicMessage {
  const headers: MessageHeader[] = [...ctx.original.headers]
  if (contextHeaders) {
    const e = exceptionOf(failure.error)
    const add = (key: string, value: string): void => void headers.push({ key: `__connect.errors.${key}`, value: utf8(value) })
    add('topic', ctx.original.topic)
    if (ctx.original.partition !== null) add('partition', String(ctx.original.partition))
    if ('offset' in ctx.original) add('offset', String(ctx.original.offset))
    add('connector.name', ctx.connector)
    add('task.id', String(ctx.taskId))
    add('stage', failure.stage)
    add('class.name', failure.className)
    add('exception.class.name', e.className)
    add('exception.message', e.message)
    add('exception.stacktrace', e.stack)
  }
  return { topic, partition: null, key: ctx.original.key, value: ctx.original.value, headers, timestamp: ctx.original.timestamp }
}
