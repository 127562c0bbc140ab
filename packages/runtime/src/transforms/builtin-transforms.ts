import type { PluginSet } from '../tasks/connector-registry.js'
import type { PredicateFactory, TransformationFactory } from '../tasks/transformation.js'
import { cast } from './cast.js'
import { extractField } from './extract-field.js'
import { flatten } from './flatten.js'
import { headerFrom } from './header-from.js'
import { dropHeaders, filter, insertHeader } from './header-smts.js'
import { hoistField } from './hoist-field.js'
import { insertField } from './insert-field.js'
import { maskField } from './mask-field.js'
import { hasHeaderKey, recordIsTombstone, topicNameMatches } from './predicates.js'
import { replaceField } from './replace-field.js'
import { regexRouter, timestampRouter } from './routers.js'
import { filterStep, flatMapStep, mapStep } from './step-transforms.js'
import type { RecordPart } from './smt-support.js'
import { timestampConverter } from './timestamp-converter.js'
import { valueToKey } from './value-to-key.js'

const PKG = 'org.apache.kafka.connect.transforms'

const KEYED: Readonly<Record<string, (part: RecordPart) => TransformationFactory>> = {
  InsertField: insertField,
  ReplaceField: replaceField,
  MaskField: maskField,
  Cast: cast,
  TimestampConverter: timestampConverter,
  ExtractField: extractField,
  HoistField: hoistField,
  Flatten: flatten,
  HeaderFrom: headerFrom,
}

function keyedTransforms(): Record<string, TransformationFactory> {
  const out: Record<string, TransformationFactory> = {}
  for (const [name, make] of Object.entries(KEYED)) {
    out[`${PKG}.${name}$Key`] = make('key')
    out[`${PKG}.${name}$Value`] = make('value')
  }
  return out
}

const predicates: Record<string, PredicateFactory> = {
  [`${PKG}.predicates.TopicNameMatches`]: topicNameMatches,
  [`${PKG}.predicates.HasHeaderKey`]: hasHeaderKey,
  [`${PKG}.predicates.RecordIsTombstone`]: recordIsTombstone,
}

/** Every Kafka Connect built-in SMT and predicate, and pipe's TypeScript steps, by class name. */
export const builtinTransforms: PluginSet = {
  transforms: {
    ...keyedTransforms(),
    [`${PKG}.RegexRouter`]: regexRouter,
    [`${PKG}.TimestampRouter`]: timestampRouter,
    [`${PKG}.ValueToKey`]: valueToKey,
    [`${PKG}.InsertHeader`]: insertHeader,
    [`${PKG}.DropHeaders`]: dropHeaders,
    [`${PKG}.Filter`]: filter,
    'pipe:map': mapStep,
    'pipe:filter': filterStep,
    'pipe:flat-map': flatMapStep,
  },
  predicates,
}
