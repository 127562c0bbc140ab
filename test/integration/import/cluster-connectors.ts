// The connectors the import round trip posts to a worker: every kind the acceptance names (FileStream
// source and sink, Debezium PostgreSQL, Debezium JDBC sink, Camel CQL, a Camel component pipe does not
// ship), every built-in SMT and predicate (with negate), a paused and a stopped one, a `${env:...}`
// password and a literal one. Nothing they point at exists (port 1): a connector that starts fails, and
// import reads its config all the same.

const SMT = 'org.apache.kafka.connect.transforms.'
const PREDICATE = `${SMT}predicates.`
const STRING = { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }
const json = (schemas: boolean): Record<string, string> => ({
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': String(schemas),
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': String(schemas),
})

/** One connector as posted: `POST /connectors`'s body, and the state it is put in afterwards. */
export interface ClusterConnector {
  readonly name: string
  readonly config: Readonly<Record<string, string>>
  readonly state?: 'PAUSED' | 'STOPPED'
  /** Created in its state (`initial_state`), not put in it afterwards: it never starts. */
  readonly createdInState?: boolean
}

/** What the import must turn into a placeholder, and never show. */
export interface ClusterSecrets {
  /** The literal password's value: it must appear in no output. */
  readonly sentinel: string
  readonly literalConnector: string
}

/**
 * The connectors, named `<prefix>-...` (a shared worker holds other tests' connectors too); files under
 * `dataDir`. `plugins: false` leaves out the connectors of plugin classes (Debezium, Camel); `setSchemaMetadata: false`
 * the two SetSchemaMetadata steps (pipe worker does not implement that SMT, and refuses a connector that names it).
 */
export function clusterConnectors(prefix: string, dataDir: string, options: { plugins: boolean; setSchemaMetadata: boolean; postgresPort: number }): { connectors: ClusterConnector[]; secrets: ClusterSecrets } {
  const sentinel = `sentinel-${prefix}-hunter2`
  const p = prefix
  const files: ClusterConnector[] = [
    { name: `${p}-lines-source`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', file: `${dataDir}/lines-in.txt`, topic: `${p}-lines`, ...STRING,
      transforms: 'tag,tomb', 'transforms.tag.type': `${SMT}InsertHeader`, 'transforms.tag.header': 'origin', 'transforms.tag.value.literal': 'lines',
      'transforms.tomb.type': `${SMT}Filter`, 'transforms.tomb.predicate': 'is-tomb', predicates: 'is-tomb', 'predicates.is-tomb.type': `${PREDICATE}RecordIsTombstone` } },
    // paused
    { name: `${p}-lines-sink`, state: 'PAUSED', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/lines-out.txt`, topics: `${p}-lines`, ...STRING,
      transforms: 'nohdr', 'transforms.nohdr.type': `${SMT}DropHeaders`, 'transforms.nohdr.headers': 'origin,trace' } },
    // stopped; every built-in SMT of the value side, Filter with each predicate, negate both ways
    { name: `${p}-orders-audit`, state: 'STOPPED', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '2', file: `${dataDir}/orders.txt`, topics: `${p}-orders`, ...json(false),
      'errors.tolerance': 'all', 'errors.log.enable': 'true', 'errors.deadletterqueue.topic.name': `${p}-orders-dlq`, 'errors.deadletterqueue.topic.replication.factor': '1',
      transforms: 'ins,rep,mask,cast,ts,route,troute,v2k,flat,hfrom,ihdr,dhdr,drop,keep,cond,ext,hoist',
      'transforms.ins.type': `${SMT}InsertField$Value`, 'transforms.ins.topic.field': 't', 'transforms.ins.static.field': 'src', 'transforms.ins.static.value': 'shop',
      'transforms.rep.type': `${SMT}ReplaceField$Value`, 'transforms.rep.exclude': 'internal', 'transforms.rep.renames': 'price:amount,qty:quantity',
      'transforms.mask.type': `${SMT}MaskField$Value`, 'transforms.mask.fields': 'card', 'transforms.mask.replacement': 'xxxx',
      'transforms.cast.type': `${SMT}Cast$Value`, 'transforms.cast.spec': 'amount:float64,quantity:int32',
      'transforms.ts.type': `${SMT}TimestampConverter$Value`, 'transforms.ts.field': 'at', 'transforms.ts.target.type': 'string', 'transforms.ts.format': 'yyyy-MM-dd',
      'transforms.route.type': `${SMT}RegexRouter`, 'transforms.route.regex': 'orders', 'transforms.route.replacement': 'orders-v2',
      'transforms.troute.type': `${SMT}TimestampRouter`, 'transforms.troute.topic.format': '${topic}-${timestamp}', 'transforms.troute.timestamp.format': 'yyyyMMdd',
      'transforms.v2k.type': `${SMT}ValueToKey`, 'transforms.v2k.fields': 'id',
      'transforms.flat.type': `${SMT}Flatten$Value`, 'transforms.flat.delimiter': '_',
      'transforms.hfrom.type': `${SMT}HeaderFrom$Value`, 'transforms.hfrom.fields': 'id', 'transforms.hfrom.headers': 'order-id', 'transforms.hfrom.operation': 'copy',
      'transforms.ihdr.type': `${SMT}InsertHeader`, 'transforms.ihdr.header': 'origin', 'transforms.ihdr.value.literal': 'shop',
      'transforms.dhdr.type': `${SMT}DropHeaders`, 'transforms.dhdr.headers': 'trace,span',
      'transforms.drop.type': `${SMT}Filter`, 'transforms.drop.predicate': 'tomb',
      'transforms.keep.type': `${SMT}Filter`, 'transforms.keep.predicate': 'is-order', 'transforms.keep.negate': 'true',
      'transforms.cond.type': `${SMT}MaskField$Value`, 'transforms.cond.fields': 'email', 'transforms.cond.predicate': 'has-pii', 'transforms.cond.negate': 'true',
      'transforms.ext.type': `${SMT}ExtractField$Value`, 'transforms.ext.field': 'payload',
      'transforms.hoist.type': `${SMT}HoistField$Value`, 'transforms.hoist.field': 'wrapped',
      predicates: 'tomb,is-order,has-pii', 'predicates.tomb.type': `${PREDICATE}RecordIsTombstone`,
      'predicates.is-order.type': `${PREDICATE}TopicNameMatches`, 'predicates.is-order.pattern': 'orders.*',
      'predicates.has-pii.type': `${PREDICATE}HasHeaderKey`, 'predicates.has-pii.name': 'no-pii' } },
    // the key side of the keyed SMTs, SetSchemaMetadata, a predicate on a non-Filter step not negated
    { name: `${p}-keys-sink`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/keys.txt`, topics: `${p}-orders`, ...json(false),
      transforms: `kins,krep,kmask,kcast,kts,kext,khoist,kflat,khfrom${options.setSchemaMetadata ? ',schema,vschema' : ''}`,
      'transforms.kins.type': `${SMT}InsertField$Key`, 'transforms.kins.partition.field': 'p',
      'transforms.krep.type': `${SMT}ReplaceField$Key`, 'transforms.krep.include': 'id,p',
      'transforms.kmask.type': `${SMT}MaskField$Key`, 'transforms.kmask.fields': 'p',
      'transforms.kcast.type': `${SMT}Cast$Key`, 'transforms.kcast.spec': 'id:string',
      'transforms.kts.type': `${SMT}TimestampConverter$Key`, 'transforms.kts.target.type': 'Timestamp', 'transforms.kts.field': 'at',
      'transforms.kext.type': `${SMT}ExtractField$Key`, 'transforms.kext.field': 'id',
      'transforms.khoist.type': `${SMT}HoistField$Key`, 'transforms.khoist.field': 'id',
      'transforms.kflat.type': `${SMT}Flatten$Key`,
      'transforms.khfrom.type': `${SMT}HeaderFrom$Key`, 'transforms.khfrom.fields': 'id', 'transforms.khfrom.headers': 'key-id', 'transforms.khfrom.operation': 'move',
      ...(options.setSchemaMetadata ? {
        'transforms.schema.type': `${SMT}SetSchemaMetadata$Key`, 'transforms.schema.schema.name': 'shop.OrderKey',
        'transforms.vschema.type': `${SMT}SetSchemaMetadata$Value`, 'transforms.vschema.schema.name': 'shop.Order', 'transforms.vschema.schema.version': '2',
        'transforms.vschema.predicate': 'orders-topic', predicates: 'orders-topic', 'predicates.orders-topic.type': `${PREDICATE}TopicNameMatches`, 'predicates.orders-topic.pattern': '.*orders',
      } : {}) } },
    // a source into the orders topic (a pipeline of one source and two sinks), named outside pipe's rules
    { name: `${p}-orders-source`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', file: `${dataDir}/orders-in.txt`, topic: `${p}-orders`, 'batch.size': '500', ...json(false) } },
    { name: `${p}_legacy_export`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/legacy.txt`, topics: `${p}-legacy`, ...STRING } },
  ]
  const plugins: ClusterConnector[] = [
    // ${env:...} password; Debezium names its topics itself: a final RegexRouter sends them to one topic.
    // Kafka Connect checks the database when it is created (the machine's PostgreSQL), and it never starts
    { name: `${p}-customers-source`, state: 'STOPPED', createdInState: true, config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'tasks.max': '1',
      'database.hostname': '127.0.0.1', 'database.port': String(options.postgresPort), 'database.user': 'postgres', 'database.password': '${env:PIPE_IMPORT_PG_PASSWORD}',
      'database.dbname': 'postgres', 'topic.prefix': `${p}-pg`, 'table.include.list': 'public.customers', 'plugin.name': 'pgoutput', 'slot.name': `${p.replace(/\W/g, '_')}_slot`, ...json(true),
      transforms: 'unwrap,route-to-topic', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.unwrap.drop.tombstones': 'false',
      'transforms.route-to-topic.type': `${SMT}RegexRouter`, 'transforms.route-to-topic.regex': '.*', 'transforms.route-to-topic.replacement': `${p}-customers` } },
    // Debezium as it usually runs: no router, it writes <topic.prefix>.<schema>.<table>; a sink reads that topic
    { name: `${p}-accounts-source`, state: 'STOPPED', createdInState: true, config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'tasks.max': '1',
      'database.hostname': '127.0.0.1', 'database.port': String(options.postgresPort), 'database.user': 'postgres', 'database.password': '${env:PIPE_IMPORT_PG_PASSWORD}',
      'database.dbname': 'postgres', 'topic.prefix': `${p}-bank`, 'table.include.list': 'public.accounts', 'plugin.name': 'pgoutput', 'slot.name': `${p.replace(/\W/g, '_')}_accounts`, ...json(true) } },
    { name: `${p}-accounts-copy`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/accounts.txt`, topics: `${p}-bank.public.accounts`, ...json(true) } },
    // the literal password
    { name: `${p}-customers-replica`, config: { 'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', 'tasks.max': '1', topics: `${p}-customers`, ...json(true),
      'connection.url': 'jdbc:postgresql://127.0.0.1:1/replica', 'connection.username': 'postgres', 'connection.password': sentinel,
      'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'schema.evolution': 'basic' } },
    { name: `${p}-events-cql`, state: 'PAUSED', config: { 'connector.class': 'org.apache.camel.kafkaconnector.CamelSinkConnector', 'tasks.max': '1', topics: `${p}-events`, ...json(false),
      'camel.sink.url': 'cql://127.0.0.1:1/shop?cql=INSERT INTO events (id) VALUES (?)&consistencyLevel=ONE' } },
    // a Camel component pipe has no connector for (its log)
    { name: `${p}-ticks-log`, config: { 'connector.class': 'org.apache.camel.kafkaconnector.CamelSinkConnector', 'tasks.max': '1', topics: `${p}-ticks`, ...STRING,
      'camel.sink.url': 'log:ticks?level=OFF', 'camel.sink.contentLogLevel': 'OFF' } },
    { name: `${p}-ticks-copy-sink`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/ticks.txt`, topics: `${p}-ticks`, ...STRING,
      transforms: 'skip', 'transforms.skip.type': `${SMT}Filter`, 'transforms.skip.predicate': 'has-skip', predicates: 'has-skip', 'predicates.has-skip.type': `${PREDICATE}HasHeaderKey`, 'predicates.has-skip.name': 'skip' } },
    { name: `${p}-customers-archive`, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', file: `${dataDir}/customers.txt`, topics: `${p}-customers`, ...json(true) } },
  ]
  return { connectors: options.plugins ? [...files, ...plugins] : files, secrets: { sentinel, literalConnector: `${p}-customers-replica` } }
}
