// Child process for the crash-safety test: writes batches with their source offsets until killed.
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'

const dir = process.argv[2] ?? '.pipe'
const backend = createEmbeddedTopicBackend({ stateDir: dir })
let position = 0
for (let batch = 0; ; batch++) {
  const messages = Array.from({ length: 500 }, (_, i) => ({ topic: 't', partition: 0, key: null, value: Buffer.from(`line ${position + i}`), headers: [], timestamp: Date.now() }))
  position += messages.length
  await backend.produce(messages, { connector: 'crash', offsets: [{ partition: { file: 'x' }, offset: { position } }] })
  if (batch === 0) process.stdout.write('started\n')
}
