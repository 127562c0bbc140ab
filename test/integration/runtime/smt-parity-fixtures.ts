/** Input records and SMT chains whose output pipe and Kafka Connect must write identically. */

/** JSON values produced to the input topic (as Kafka Connect's JsonConverter with schemas disabled reads them). */
export const PARITY_VALUES: readonly string[] = [
  '{"id":1,"name":"alice","email":"a@example.com","price":12.5,"qty":3,"active":true,"ts":1704164645006,"address":{"city":"Paris","zip":"75001"},"tags":["a","b"]}',
  '{"id":2,"name":"bob \\u00e9\\t\\"q\\"","email":null,"price":2.0,"qty":0,"active":false,"ts":1704067200000,"address":{"city":"Berlin","zip":null},"tags":[]}',
  '{"id":9007199254740993,"name":"","price":1e3,"qty":-7,"active":true,"ts":0,"address":{},"extra":{"deep":{"x":[1,{"y":2}]}}}',
  '{"country":"FR","city":"Lyon","zip":"69001","street":"rue","number":12,"floor":3,"door":"B","id":4,"name":"dave","email":"d@x","phone":"+33","price":0.1,"qty":1}',
]

const T = 'org.apache.kafka.connect.transforms'

/** One parity case: a name and the transform keys of the sink connector. */
export interface ParityCase {
  readonly name: string
  readonly transforms: Readonly<Record<string, string>>
}

export const PARITY_CASES: readonly ParityCase[] = [
  { name: 'passthrough', transforms: {} },
  {
    name: 'insert-field',
    transforms: {
      transforms: 'i', 'transforms.i.type': `${T}.InsertField$Value`, 'transforms.i.topic.field': 'topic!',
      'transforms.i.partition.field': 'part', 'transforms.i.offset.field': 'off', 'transforms.i.static.field': 'src', 'transforms.i.static.value': 'pipe',
    },
  },
  {
    name: 'replace-field',
    transforms: {
      transforms: 'r', 'transforms.r.type': `${T}.ReplaceField$Value`, 'transforms.r.exclude': 'email,tags',
      'transforms.r.renames': 'name:full_name,qty:quantity',
    },
  },
  { name: 'mask-field', transforms: { transforms: 'm', 'transforms.m.type': `${T}.MaskField$Value`, 'transforms.m.fields': 'name,price,qty,active,address,tags' } },
  { name: 'cast', transforms: { transforms: 'c', 'transforms.c.type': `${T}.Cast$Value`, 'transforms.c.spec': 'price:string,qty:float64,active:int32,id:string' } },
  { name: 'extract-field', transforms: { transforms: 'e', 'transforms.e.type': `${T}.ExtractField$Value`, 'transforms.e.field': 'address' } },
  { name: 'hoist-field', transforms: { transforms: 'h', 'transforms.h.type': `${T}.HoistField$Value`, 'transforms.h.field': 'wrapped' } },
  { name: 'flatten', transforms: { transforms: 'f', 'transforms.f.type': `${T}.Flatten$Value`, 'transforms.f.delimiter': '_' } },
  {
    name: 'timestamp-converter',
    transforms: {
      transforms: 'tc', 'transforms.tc.type': `${T}.TimestampConverter$Value`, 'transforms.tc.field': 'ts',
      'transforms.tc.target.type': 'string', 'transforms.tc.format': "yyyy-MM-dd'T'HH:mm:ss.SSS",
    },
  },
  {
    name: 'routers',
    transforms: {
      transforms: 'rr,tr,i', 'transforms.rr.type': `${T}.RegexRouter`, 'transforms.rr.regex': '(.*)-in', 'transforms.rr.replacement': 'routed-$1',
      'transforms.tr.type': `${T}.TimestampRouter`, 'transforms.tr.topic.format': '${topic}_${timestamp}', 'transforms.tr.timestamp.format': 'yyyy.MM.dd',
      'transforms.i.type': `${T}.InsertField$Value`, 'transforms.i.topic.field': 'topic',
    },
  },
  {
    name: 'filter-predicates',
    transforms: {
      transforms: 'f,e', 'transforms.f.type': `${T}.Filter`, 'transforms.f.predicate': 'hasH', 'transforms.f.negate': 'true',
      'transforms.e.type': `${T}.ExtractField$Value`, 'transforms.e.field': 'name', 'transforms.e.predicate': 'notTomb',
      'transforms.e.negate': 'true', predicates: 'hasH,notTomb', 'predicates.hasH.type': `${T}.predicates.HasHeaderKey`,
      'predicates.hasH.name': 'keep', 'predicates.notTomb.type': `${T}.predicates.RecordIsTombstone`,
    },
  },
]
