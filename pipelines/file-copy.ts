// The quickstart: copy a text file line by line through a topic into another file.
// Needs no broker (embedded engine) and no credentials; compiles to FileStream connectors, and
// .target('kafka-connect') makes pipe check keep it portable.
import { source, topic } from '@pipe/dsl'
import { file, fileSink } from '@pipe/dsl/connectors'

export default source(file({ file: 'data/input.txt' }))
  .to(topic('lines', { partitions: 1 }))
  .sink(fileSink({ file: 'build/output.txt' }))
  .target('kafka-connect')
