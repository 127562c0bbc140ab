import { PIPE_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import { sourceRef, defineConnector, type SourceConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * A generated order.
 *
 * @example
 * ```ts
 * source(datagen({ preset: 'orders' })).extractField('price') // Stream<number>
 * ```
 */
export interface Order {
  readonly order_id: number
  readonly customer_id: string
  readonly item: string
  readonly price: number
  readonly quantity: number
  readonly ordered_at: number
}

/**
 * A generated user.
 *
 * @example
 * ```ts
 * source(datagen({ preset: 'users' })).flatten({ delimiter: '_' }) // has address_city
 * ```
 */
export interface User {
  readonly user_id: string
  readonly name: string
  readonly email: string
  readonly region: string
  readonly address: { readonly city: string; readonly zip: string }
  readonly registered_at: number
}

/**
 * A generated page view.
 *
 * @example
 * ```ts
 * source(datagen({ preset: 'pageviews' })).valueToKey(['user_id'])
 * ```
 */
export interface Pageview {
  readonly viewtime: number
  readonly user_id: string
  readonly page_id: string
}

/**
 * The record type of each datagen preset.
 *
 * @example
 * ```ts
 * type O = DatagenPresets['orders'] // Order
 * ```
 */
export interface DatagenPresets {
  readonly orders: Order
  readonly users: User
  readonly pageviews: Pageview
}

/**
 * The datagen presets.
 *
 * @example
 * ```ts
 * DATAGEN_PRESETS.includes('orders') // true
 * ```
 */
export const DATAGEN_PRESETS = ['orders', 'users', 'pageviews'] as const satisfies readonly (keyof DatagenPresets)[]

/**
 * Definition of the datagen source (pipe runtime only: Confluent's kafka-connect-datagen is
 * distributed through Confluent Hub, not Maven Central, and its schemas differ).
 *
 * @example
 * ```ts
 * datagenSourceDefinition.pipeClass // 'pipe:datagen-source'
 * ```
 */
export const datagenSourceDefinition = defineConnector({
  name: 'datagen',
  role: 'source',
  doc: "Generates typed sample records (orders, users, pageviews). Pipe runtime only: Confluent's datagen connector is not on Maven Central.",
  fields: {
    preset: field.enum(DATAGEN_PRESETS, { key: 'preset', doc: 'which records to generate' }),
    intervalMs: field.int({ key: 'interval.ms', doc: 'pause between records in ms', min: 0, optional: true }),
    maxRecords: field.int({ key: 'max.records', doc: 'stop after this many records (default: never)', min: 1, optional: true }),
    seed: field.int({ key: 'seed', doc: 'random seed, for reproducible data', optional: true }),
  },
  formats: ['json'],
  kafkaConnect: { unsupported: "Confluent's kafka-connect-datagen is distributed through Confluent Hub, not Maven Central" },
  pipeClass: PIPE_CONNECTOR_CLASSES['datagen-source'],
})

/**
 * Options of {@link datagen}.
 *
 * @example
 * ```ts
 * datagen({ preset: 'users', intervalMs: 50, maxRecords: 100, seed: 7 })
 * ```
 */
export interface DatagenOptions<P extends keyof DatagenPresets> {
  readonly preset: P
  readonly intervalMs?: number
  readonly maxRecords?: number
  readonly seed?: number
}

/**
 * A source of generated records, typed by preset.
 *
 * @example
 * ```ts
 * source(datagen({ preset: 'orders', intervalMs: 100, maxRecords: 1000 })).to(topic('orders'))
 * ```
 */
export function datagen<const P extends keyof DatagenPresets>(options: DatagenOptions<P>): SourceConnector<DatagenPresets[P]> {
  return sourceRef(datagenSourceDefinition, options)
}
