import { KEYED_SMT_CLASSES, PIPE_TRANSFORM_CLASSES, PREDICATE_CLASSES, UNKEYED_SMT_CLASSES } from '@pipe/dsl/contract'
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

type KeyedClasses = (typeof KEYED_SMT_CLASSES)[keyof typeof KEYED_SMT_CLASSES]

const KEYED: readonly (readonly [KeyedClasses, (part: RecordPart) => TransformationFactory])[] = [
  [KEYED_SMT_CLASSES.InsertField, insertField],
  [KEYED_SMT_CLASSES.ReplaceField, replaceField],
  [KEYED_SMT_CLASSES.MaskField, maskField],
  [KEYED_SMT_CLASSES.Cast, cast],
  [KEYED_SMT_CLASSES.TimestampConverter, timestampConverter],
  [KEYED_SMT_CLASSES.ExtractField, extractField],
  [KEYED_SMT_CLASSES.HoistField, hoistField],
  [KEYED_SMT_CLASSES.Flatten, flatten],
  [KEYED_SMT_CLASSES.HeaderFrom, headerFrom],
]

function keyedTransforms(): Record<string, TransformationFactory> {
  const out: Record<string, TransformationFactory> = {}
  for (const [classes, make] of KEYED) {
    out[classes.key] = make('key')
    out[classes.value] = make('value')
  }
  return out
}

const predicates: Record<string, PredicateFactory> = {
  [PREDICATE_CLASSES['topic-name-matches']]: topicNameMatches,
  [PREDICATE_CLASSES['has-header-key']]: hasHeaderKey,
  [PREDICATE_CLASSES['record-is-tombstone']]: recordIsTombstone,
}

/** Every Kafka Connect built-in SMT and predicate, and pipe's TypeScript steps, by class name. */
export const builtinTransforms: PluginSet = {
  transforms: {
    ...keyedTransforms(),
    [UNKEYED_SMT_CLASSES.RegexRouter]: regexRouter,
    [UNKEYED_SMT_CLASSES.TimestampRouter]: timestampRouter,
    [UNKEYED_SMT_CLASSES.ValueToKey]: valueToKey,
    [UNKEYED_SMT_CLASSES.InsertHeader]: insertHeader,
    [UNKEYED_SMT_CLASSES.DropHeaders]: dropHeaders,
    [UNKEYED_SMT_CLASSES.Filter]: filter,
    [PIPE_TRANSFORM_CLASSES.map]: mapStep,
    [PIPE_TRANSFORM_CLASSES.filter]: filterStep,
    [PIPE_TRANSFORM_CLASSES['flat-map']]: flatMapStep,
  },
  predicates,
}
