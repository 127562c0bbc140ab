import { CONVERTER_CLASSES } from '@pipe/dsl/contract'
import { ConversionError } from './converter.js'
import type { Converter } from './converter.js'
import { byteArrayConverter } from './byte-array-converter.js'
import { jsonConverter } from './json-converter.js'
import { stringConverter } from './string-converter.js'
import { ownValue, setOwn } from '../records/own-property.js'

type ConverterFactory = (config: Readonly<Record<string, string>>) => Converter

const CONVERTERS: Readonly<Record<string, ConverterFactory>> = {
  [CONVERTER_CLASSES.json]: jsonConverter,
  [CONVERTER_CLASSES.string]: stringConverter,
  [CONVERTER_CLASSES.byteArray]: byteArrayConverter,
}

/** The worker default when a connector names no converter (Kafka Connect's sample worker files). */
export const DEFAULT_CONVERTER = CONVERTER_CLASSES.json

/** Builds `key.converter` or `value.converter` of a connector config, with its prefixed properties. */
export function createConverter(config: Readonly<Record<string, string>>, role: 'key' | 'value'): Converter {
  const prefix = `${role}.converter`
  const className = (config[prefix] ?? DEFAULT_CONVERTER).trim()
  const simple = className.slice(className.lastIndexOf('.') + 1)
  const factory = ownValue(CONVERTERS, className) ?? Object.entries(CONVERTERS).find(([k]) => k.endsWith(`.${simple}`))?.[1]
  if (factory === undefined) {
    throw new ConversionError(`unknown ${prefix} '${className}' (expected one of ${Object.keys(CONVERTERS).join(', ')})`)
  }
  const own: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) if (k.startsWith(`${prefix}.`)) setOwn(own, k.slice(prefix.length + 1), v)
  return factory(own)
}
