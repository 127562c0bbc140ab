/** Source-side SMT chains (FileStream source -> transforms -> topic) whose topic output pipe and Kafka Connect must write identically. */
import { hasHeaderKey, not, recordIsTombstone, source, topic, topicNameMatches } from '@pipe/dsl'
import type { Pipeline, RecordFormat } from '@pipe/dsl'
import { file } from '@pipe/dsl/connectors'

/** Lines of the input file: plain text, JSON-looking text, quotes, backslashes, tabs and non-ASCII. */
export const SOURCE_LINES: readonly string[] = [
  'hello world',
  '{"id":1,"name":"alice","tags":["a","b"]}',
  'quote " backslash \\ tab\there',
  'unicode \u00e9\u00e8 \u2713 end',
  '  padded  ',
]

/** One source-side case: the chain between `source(file(...))` and `.to(topic(...))`, and the records it lets through. */
export interface SourceParityCase {
  readonly name: string
  readonly formats: readonly RecordFormat[]
  /** Builds the pipeline for one engine: `topicName` carries the engine, so both outputs can be told apart. */
  readonly pipeline: (input: string, topicName: string, format: RecordFormat) => Pipeline
  /** How many records reach the topic (every line, or none for the drop-all case). */
  readonly passes: boolean
  /** Where RegexRouter sends the records (default: the declared topic). */
  readonly routedTopic?: (topicName: string) => string
  /** `TimestampRouter`'s `timestamp.format`, when the case routes by the record timestamp. */
  readonly timestampFormat?: string
  /** Formats (`''` = epoch ms) in which the record's own timestamp appears inside the value. */
  readonly timestampInValue?: readonly string[]
}

const from = (input: string) => source(file({ file: input }))

/** Header literals as `InsertHeader` parses them with `Values.parseString` (numbers, booleans, lists, maps, dates, text). */
const HEADER_LITERALS: readonly (readonly [string, string])[] = [
  ['text', 'pipe'], ['int', '42'], ['padded', ' 7 '], ['neg', '-128'], ['big', '9007199254740993'], ['float', '1.50'],
  ['exp', '1e3'], ['bool', 'true'], ['list', '[1, 2,3]'], ['map', '{"a": 1, "b":"x"}'], ['empty', ''],
  ['date', '2024-01-02'], ['lenient-date', '2024-13-45'], ['time', '12:34:56.789Z'], ['timestamp', '2024-01-02T03:04:05.006Z'],
  ['mixed-list', '[1, 2.5, -3]'], ['text-list', '["x\\"y", null, "2024-01-02"]'], ['bad-list', '[a, b]'], ['nested', '{"k": [1, {"z": true}]}'],
  ['huge', '1e400'], ['long-int', '123456789012345678901'], ['trailing', 'true}'], ['colon', 'a:b'],
  ['f-tenth', '0.1'], ['f-pi', '3.14159265358979'], ['f-small', '1e-5'], ['f-large', '123456789.5'], ['neg-zero', '-0.0'],
  ['f-max', '3.5e38'], ['double', '1.5e39'], ['plus', '+12'], ['time-escaped', '12\\:34\\:56.789Z'],
  ['quoted', '"q"'], ['dup', 'one'], ['dup', 'two'], ['drop-me', 'gone'],
]

const STAMP = '2024-01-02 03:04:05.678'
const STAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss.SSS'
const RECORD_STAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS"
const TIMESTAMP_FORMAT = "yyyy.MM.dd-EEE-MMM-HH'h'"

export const SOURCE_CASES: readonly SourceParityCase[] = [
  {
    name: 'headers',
    formats: ['string', 'json', 'json-schema'],
    passes: true,
    pipeline: (input, name, format) => HEADER_LITERALS
      .reduce((s, [key, literal]) => s.insertHeader(key, literal), from(input))
      .dropHeaders(['drop-me', 'absent'])
      .to(topic(name, { format })),
  },
  {
    name: 'struct',
    formats: ['json', 'json-schema'],
    passes: true,
    pipeline: (input, name, format) => from(input)
      .hoistField('line')
      .insertField({ topic: 'topic', partition: 'part', static: { field: 'origin', value: 'file' } })
      .valueToKey(['line', 'origin'])
      .headerFrom({ fields: ['line'], headers: ['h-line'], operation: 'copy' })
      .headerFrom({ fields: ['origin'], headers: ['h-origin'], operation: 'move' })
      .to(topic(name, { format })),
  },
  {
    name: 'fields',
    formats: ['json', 'json-schema'],
    passes: true,
    pipeline: (input, name, format) => from(input)
      .hoistField('line')
      .hoistField('inner')
      .insertField({ static: { field: 'n', value: '42' } })
      .insertField({ static: { field: 'ratio', value: '2' } })
      .insertField({ static: { field: 'secret', value: 'hunter2' } })
      .insertField({ static: { field: 'gone', value: 'x' } })
      .insertField({ static: { field: 'f32', value: '1.1' } })
      .insertField({ static: { field: 'small', value: '-7' } })
      .insertField({ static: { field: 'flag', value: 'TRUE' } })
      .insertField({ static: { field: 'big', value: '9007199254740993' } })
      .flatten({ delimiter: '_' })
      .replaceField({ renames: { inner_line: 'text' }, exclude: ['gone'] })
      .maskField(['secret'])
      .cast({ n: 'int32', ratio: 'float64', f32: 'float32', small: 'int8', flag: 'boolean', big: 'int64' })
      .to(topic(name, { format })),
  },
  {
    name: 'timestamps',
    formats: ['json', 'json-schema'],
    passes: true,
    pipeline: (input, name, format) => from(input)
      .hoistField('line')
      .insertField({ static: { field: 'a', value: STAMP } })
      .insertField({ static: { field: 'b', value: STAMP } })
      .insertField({ static: { field: 'c', value: STAMP } })
      .insertField({ static: { field: 'd', value: STAMP } })
      .insertField({ static: { field: 'e', value: STAMP } })
      .insertField({ static: { field: 'f', value: STAMP } })
      .insertField({ static: { field: 'lenient', value: '2024-13-45 25:61:61.5' } })
      .insertField({ static: { field: 'greedy', value: '2024-1-2 3:4:5.1234' } })
      .insertField({ static: { field: 'named', value: 'Tue, 02 Jan 2024 03:04 PM' } })
      .convertTimestamp({ field: 'a', targetType: 'Timestamp', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'b', targetType: 'Date', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'c', targetType: 'Time', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'd', targetType: 'unix', format: STAMP_FORMAT, unixPrecision: 'seconds' })
      .convertTimestamp({ field: 'a', targetType: 'string', format: 'EEE, d MMM yyyy HH:mm:ss.SSS' })
      .convertTimestamp({ field: 'lenient', targetType: 'unix', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'greedy', targetType: 'unix', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'named', targetType: 'unix', format: 'EEE, dd MMM yyyy hh:mm a' })
      .convertTimestamp({ field: 'e', targetType: 'Timestamp', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'f', targetType: 'Timestamp', format: STAMP_FORMAT })
      .convertTimestamp({ field: 'e', targetType: 'string', format: 'G yy yyyyy D DDD w ww W F u E EEEE a h hh K KK k kk H m s S SS' })
      .convertTimestamp({ field: 'f', targetType: 'string', format: "MMMM MMM MM M dd d z zzzz Z X XX XXX '' 'o''clock' 'T'" })
      .to(topic(name, { format })),
  },
  {
    name: 'record-timestamp',
    formats: ['json', 'json-schema'],
    passes: true,
    timestampInValue: ['', RECORD_STAMP_FORMAT],
    pipeline: (input, name, format) => from(input)
      .hoistField('line')
      .insertField({ timestamp: 'ts' })
      .insertField({ timestamp: 'at' })
      .convertTimestamp({ field: 'at', targetType: 'string', format: RECORD_STAMP_FORMAT })
      .to(topic(name, { format })),
  },
  {
    name: 'extract',
    formats: ['string', 'json', 'json-schema'],
    passes: true,
    pipeline: (input, name, format) => from(input)
      .hoistField('line')
      .insertField({ static: { field: 'x', value: '1' } })
      .extractField('line')
      .castValue('string')
      .to(topic(name, { format })),
  },
  {
    name: 'routing',
    formats: ['string'],
    passes: true,
    timestampFormat: TIMESTAMP_FORMAT,
    routedTopic: (name) => name.replace(/-routing$/, '-regexed'),
    pipeline: (input, name, format) => from(input)
      .routeByRegex('(?<base>.*)-routing', '${base}-regexed')
      .routeByRegex('never-(.*)', 'x-$1')
      .routeByTimestamp({ topicFormat: '${topic}.${timestamp}', timestampFormat: TIMESTAMP_FORMAT })
      .insertHeader('after', 'routing')
      .to(topic(name, { format })),
  },
  {
    // no options: TimestampRouter's defaults, `${topic}-${timestamp}` with yyyyMMdd
    name: 'tsdefault',
    formats: ['string'],
    passes: true,
    timestampFormat: 'yyyyMMdd',
    pipeline: (input, name, format) => from(input).routeByTimestamp().to(topic(name, { format })),
  },
  {
    name: 'predicates',
    formats: ['string'],
    passes: true,
    pipeline: (input, name, format) => from(input)
      .when(topicNameMatches('.*-predicates'), (s) => s.insertHeader('topic-matches', 'yes'))
      .when(not(topicNameMatches('.*-nope')), (s) => s.insertHeader('topic-not-nope', 'yes'))
      .when(topicNameMatches('.*-nope'), (s) => s.insertHeader('never', 'x'))
      .when(hasHeaderKey('topic-matches'), (s) => s.insertHeader('has-key', 'yes'))
      .when(not(hasHeaderKey('absent')), (s) => s.insertHeader('has-not-key', 'yes').dropHeaders(['topic-not-nope']))
      .dropIf(recordIsTombstone())
      .when(not(recordIsTombstone()), (s) => s.insertHeader('live', 'yes'))
      .keepIf(hasHeaderKey('live'))
      .when(not(topicNameMatches('.*-predicates')), (s) => s.routeByRegex('(.*)', '$1-wrong'))
      .to(topic(name, { format })),
  },
  {
    name: 'drop-all',
    formats: ['string'],
    passes: false,
    pipeline: (input, name, format) => from(input)
      .insertHeader('x', '1')
      .dropIf(hasHeaderKey('x'))
      .to(topic(name, { format })),
  },
]
