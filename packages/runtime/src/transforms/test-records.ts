import type { SinkRecord } from '../records/connect-record.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import { createConnectorRegistry } from '../tasks/connector-registry.js'
import { builtinTransforms } from './builtin-transforms.js'
import type { StepFunction } from '../tasks/transformation.js'
import { applyChain, buildTransformChain } from './transform-chain.js'

/** A sink record for tests: topic `orders`, partition 0, offset 42, timestamp 2024-01-02T03:04:05.006Z. */
export function sinkRecord(value: ConnectValue, overrides: Partial<SinkRecord> = {}): SinkRecord {
  return {
    topic: 'orders', kafkaPartition: 0, kafkaOffset: 42, key: null, value, timestamp: 1704164645006, headers: [],
    originalTopic: 'orders', originalKafkaPartition: 0, originalKafkaOffset: 42, ...overrides,
  }
}

/** Runs one record through the chain a connector config declares (test helper). */
export function runChain(config: ConnectorConfig, record: SinkRecord, steps: ReadonlyMap<string, StepFunction> = new Map()): readonly SinkRecord[] {
  const registry = createConnectorRegistry(builtinTransforms)
  return applyChain(buildTransformChain(config, registry, { connectorType: 'sink', steps }), record)
}

/** Config for one transform with alias `t`. */
export function one(type: string, props: Readonly<Record<string, string>> = {}): ConnectorConfig {
  const config: Record<string, string> = { transforms: 't', 'transforms.t.type': `org.apache.kafka.connect.transforms.${type}` }
  for (const [k, v] of Object.entries(props)) config[`transforms.t.${k}`] = v
  return config
}
