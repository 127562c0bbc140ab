import type { ConfigKeyInfo } from './config-defs.js'

/**
 * The ConfigDef of each built-in SMT and predicate, as Apache Kafka Connect 4.4.0 answers
 * `GET /connector-plugins/{class}/config` (written by test/support/record-smt-config-keys.ts; do not edit).
 *
 * @example
 * ```ts
 * SMT_CONFIG_KEYS['org.apache.kafka.connect.transforms.RegexRouter']?.map((key) => key.name) // ['regex', 'replacement']
 * ```
 */
export const SMT_CONFIG_KEYS: Readonly<Record<string, readonly ConfigKeyInfo[]>> = {
  "org.apache.kafka.connect.transforms.Cast$Key": [
    {"name":"spec","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.","group":null,"order_in_group":-1,"width":"NONE","display_name":"spec","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.Cast$Value": [
    {"name":"spec","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.","group":null,"order_in_group":-1,"width":"NONE","display_name":"spec","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.DropHeaders": [
    {"name":"headers","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"The name of the headers to be removed.","group":null,"order_in_group":-1,"width":"NONE","display_name":"headers","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.ExtractField$Key": [
    {"name":"field","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"Field name to extract.","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
    {"name":"field.syntax.version","type":"STRING","required":false,"default_value":"V1","importance":"HIGH","documentation":"Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are limited to access the elements at the root level of the struct or map. If set to <code>V2</code>, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield <code>baz</code> from a field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"<code>foo.bar</code>.baz\".","group":null,"order_in_group":-1,"width":"NONE","display_name":"field.syntax.version","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.ExtractField$Value": [
    {"name":"field","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"Field name to extract.","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
    {"name":"field.syntax.version","type":"STRING","required":false,"default_value":"V1","importance":"HIGH","documentation":"Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are limited to access the elements at the root level of the struct or map. If set to <code>V2</code>, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield <code>baz</code> from a field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"<code>foo.bar</code>.baz\".","group":null,"order_in_group":-1,"width":"NONE","display_name":"field.syntax.version","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.Filter": [

  ],
  "org.apache.kafka.connect.transforms.Flatten$Key": [
    {"name":"delimiter","type":"STRING","required":false,"default_value":".","importance":"MEDIUM","documentation":"Delimiter to insert between field names from the input record when generating field names for the output record","group":null,"order_in_group":-1,"width":"NONE","display_name":"delimiter","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.Flatten$Value": [
    {"name":"delimiter","type":"STRING","required":false,"default_value":".","importance":"MEDIUM","documentation":"Delimiter to insert between field names from the input record when generating field names for the output record","group":null,"order_in_group":-1,"width":"NONE","display_name":"delimiter","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.HeaderFrom$Key": [
    {"name":"fields","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Field names in the record whose values are to be copied or moved to headers.","group":null,"order_in_group":-1,"width":"NONE","display_name":"fields","dependents":[]},
    {"name":"headers","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Header names, in the same order as the field names listed in the fields configuration property.","group":null,"order_in_group":-1,"width":"NONE","display_name":"headers","dependents":[]},
    {"name":"operation","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).","group":null,"order_in_group":-1,"width":"NONE","display_name":"operation","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.HeaderFrom$Value": [
    {"name":"fields","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Field names in the record whose values are to be copied or moved to headers.","group":null,"order_in_group":-1,"width":"NONE","display_name":"fields","dependents":[]},
    {"name":"headers","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Header names, in the same order as the field names listed in the fields configuration property.","group":null,"order_in_group":-1,"width":"NONE","display_name":"headers","dependents":[]},
    {"name":"operation","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).","group":null,"order_in_group":-1,"width":"NONE","display_name":"operation","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.HoistField$Key": [
    {"name":"field","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"Field name for the single field that will be created in the resulting Struct or Map.","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.HoistField$Value": [
    {"name":"field","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"Field name for the single field that will be created in the resulting Struct or Map.","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.InsertField$Key": [
    {"name":"topic.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka topic. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"topic.field","dependents":[]},
    {"name":"partition.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka partition. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"partition.field","dependents":[]},
    {"name":"offset.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka offset - only applicable to sink connectors.<br/>Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"offset.field","dependents":[]},
    {"name":"timestamp.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for record timestamp. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"timestamp.field","dependents":[]},
    {"name":"static.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for static data field. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"static.field","dependents":[]},
    {"name":"static.value","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Static field value, if field name configured.","group":null,"order_in_group":-1,"width":"NONE","display_name":"static.value","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.InsertField$Value": [
    {"name":"topic.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka topic. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"topic.field","dependents":[]},
    {"name":"partition.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka partition. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"partition.field","dependents":[]},
    {"name":"offset.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for Kafka offset - only applicable to sink connectors.<br/>Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"offset.field","dependents":[]},
    {"name":"timestamp.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for record timestamp. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"timestamp.field","dependents":[]},
    {"name":"static.field","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Field name for static data field. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).","group":null,"order_in_group":-1,"width":"NONE","display_name":"static.field","dependents":[]},
    {"name":"static.value","type":"STRING","required":false,"default_value":null,"importance":"MEDIUM","documentation":"Static field value, if field name configured.","group":null,"order_in_group":-1,"width":"NONE","display_name":"static.value","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.InsertHeader": [
    {"name":"header","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"The name of the header.","group":null,"order_in_group":-1,"width":"NONE","display_name":"header","dependents":[]},
    {"name":"value.literal","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"The literal value that is to be set as the header value on all records.","group":null,"order_in_group":-1,"width":"NONE","display_name":"value.literal","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.MaskField$Key": [
    {"name":"fields","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Names of fields to mask.","group":null,"order_in_group":-1,"width":"NONE","display_name":"fields","dependents":[]},
    {"name":"replacement","type":"STRING","required":false,"default_value":null,"importance":"LOW","documentation":"Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).","group":null,"order_in_group":-1,"width":"NONE","display_name":"replacement","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.MaskField$Value": [
    {"name":"fields","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Names of fields to mask.","group":null,"order_in_group":-1,"width":"NONE","display_name":"fields","dependents":[]},
    {"name":"replacement","type":"STRING","required":false,"default_value":null,"importance":"LOW","documentation":"Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).","group":null,"order_in_group":-1,"width":"NONE","display_name":"replacement","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.RegexRouter": [
    {"name":"regex","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Regular expression to use for matching.","group":null,"order_in_group":-1,"width":"NONE","display_name":"regex","dependents":[]},
    {"name":"replacement","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Replacement string.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replacement","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.ReplaceField$Key": [
    {"name":"exclude","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Fields to exclude. This takes precedence over the fields to include.","group":null,"order_in_group":-1,"width":"NONE","display_name":"exclude","dependents":[]},
    {"name":"include","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Fields to include. If specified, only these fields will be used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"include","dependents":[]},
    {"name":"renames","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Field rename mappings.","group":null,"order_in_group":-1,"width":"NONE","display_name":"renames","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.ReplaceField$Value": [
    {"name":"exclude","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Fields to exclude. This takes precedence over the fields to include.","group":null,"order_in_group":-1,"width":"NONE","display_name":"exclude","dependents":[]},
    {"name":"include","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Fields to include. If specified, only these fields will be used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"include","dependents":[]},
    {"name":"renames","type":"LIST","required":false,"default_value":"","importance":"MEDIUM","documentation":"Field rename mappings.","group":null,"order_in_group":-1,"width":"NONE","display_name":"renames","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.TimestampConverter$Key": [
    {"name":"field","type":"STRING","required":false,"default_value":"","importance":"HIGH","documentation":"The field containing the timestamp, or empty if the entire value is a timestamp","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
    {"name":"target.type","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"The desired timestamp representation: string, unix, Date, Time, or Timestamp","group":null,"order_in_group":-1,"width":"NONE","display_name":"target.type","dependents":[]},
    {"name":"format","type":"STRING","required":false,"default_value":"","importance":"MEDIUM","documentation":"A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.","group":null,"order_in_group":-1,"width":"NONE","display_name":"format","dependents":[]},
    {"name":"unix.precision","type":"STRING","required":false,"default_value":"milliseconds","importance":"LOW","documentation":"The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.","group":null,"order_in_group":-1,"width":"NONE","display_name":"unix.precision","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.TimestampConverter$Value": [
    {"name":"field","type":"STRING","required":false,"default_value":"","importance":"HIGH","documentation":"The field containing the timestamp, or empty if the entire value is a timestamp","group":null,"order_in_group":-1,"width":"NONE","display_name":"field","dependents":[]},
    {"name":"target.type","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"The desired timestamp representation: string, unix, Date, Time, or Timestamp","group":null,"order_in_group":-1,"width":"NONE","display_name":"target.type","dependents":[]},
    {"name":"format","type":"STRING","required":false,"default_value":"","importance":"MEDIUM","documentation":"A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.","group":null,"order_in_group":-1,"width":"NONE","display_name":"format","dependents":[]},
    {"name":"unix.precision","type":"STRING","required":false,"default_value":"milliseconds","importance":"LOW","documentation":"The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.","group":null,"order_in_group":-1,"width":"NONE","display_name":"unix.precision","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.TimestampRouter": [
    {"name":"topic.format","type":"STRING","required":false,"default_value":"${topic}-${timestamp}","importance":"HIGH","documentation":"Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.","group":null,"order_in_group":-1,"width":"NONE","display_name":"topic.format","dependents":[]},
    {"name":"timestamp.format","type":"STRING","required":false,"default_value":"yyyyMMdd","importance":"HIGH","documentation":"Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.","group":null,"order_in_group":-1,"width":"NONE","display_name":"timestamp.format","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.ValueToKey": [
    {"name":"fields","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Field names on the record value to extract as the record key.","group":null,"order_in_group":-1,"width":"NONE","display_name":"fields","dependents":[]},
    {"name":"replace.null.with.default","type":"BOOLEAN","required":false,"default_value":"true","importance":"MEDIUM","documentation":"Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.","group":null,"order_in_group":-1,"width":"NONE","display_name":"replace.null.with.default","dependents":[]},
    {"name":"field.syntax.version","type":"STRING","required":false,"default_value":"V1","importance":"HIGH","documentation":"Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are limited to access the elements at the root level of the struct or map. If set to <code>V2</code>, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield <code>baz</code> from a field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"<code>foo.bar</code>.baz\".","group":null,"order_in_group":-1,"width":"NONE","display_name":"field.syntax.version","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.predicates.HasHeaderKey": [
    {"name":"name","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"The header name.","group":null,"order_in_group":-1,"width":"NONE","display_name":"name","dependents":[]},
  ],
  "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone": [

  ],
  "org.apache.kafka.connect.transforms.predicates.TopicNameMatches": [
    {"name":"pattern","type":"STRING","required":true,"default_value":null,"importance":"MEDIUM","documentation":"A Java regular expression for matching against the name of a record's topic.","group":null,"order_in_group":-1,"width":"NONE","display_name":"pattern","dependents":[]},
  ],
}
