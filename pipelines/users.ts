// Generated users: TypeScript steps at the source, portable steps at the sink.
// Runs on the pipe runtime (datagen and .map/.filter are pipe-only).
import { source, topic, topicNameMatches } from '@pipe/dsl'
import { datagen, fileSink } from '@pipe/dsl/connectors'

export default source(datagen({ preset: 'users', maxRecords: 1000, seed: 42 }))
  .filter((user) => user.region !== 'test')
  .map((user) => ({ ...user, name: user.name.trim() }))
  .flatten({ delimiter: '_' })
  .to(topic('users'))
  .when(topicNameMatches('users'), (s) => s.maskField(['email']))
  .hoistField('user')
  .extractField('user')
  .routeByRegex('users', 'users-export')
  .routeByTimestamp({ topicFormat: '${topic}-${timestamp}', timestampFormat: 'yyyyMMdd' })
  .sink(fileSink({ file: 'build/users.txt' }))
  .named('users-export')
