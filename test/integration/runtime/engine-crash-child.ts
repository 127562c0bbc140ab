// Child process of engine-crash-embedded: runs file -> topic -> file on the embedded store until killed.
import { createEmbeddedTopicBackend, createEngine, defaultRegistry } from '../../../packages/runtime/src/index.js'

const [stateDir = '.pipe', input = 'in.txt', output = 'out.txt'] = process.argv.slice(2)
const backend = createEmbeddedTopicBackend({ stateDir })
const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }), idleWaitMs: 5 })
const STRING = 'org.apache.kafka.connect.storage.StringConverter'
await engine.start([
  { name: 'src', config: { 'connector.class': 'FileStreamSource', file: input, topic: 'lines', 'value.converter': STRING, 'batch.size': '500' } },
  { name: 'snk', config: { 'connector.class': 'FileStreamSink', file: output, topics: 'lines', 'value.converter': STRING, 'offset.flush.interval.ms': '50' } },
])
process.stdout.write('started\n')
