import { createRequire } from 'node:module'

/**
 * A CommonJS package loaded on its first use instead of with the module that names it: `pipe run` on
 * the embedded store, `pipe check` and `pipe --help` do not load the Kafka, Cassandra, PostgreSQL and
 * MySQL clients they never call (each costs a few hundred milliseconds of start-up on a 2-core machine).
 *
 * `from`: where the package is resolved from (the caller's `import.meta.url` when the package is its
 * own dependency, not the runtime's).
 *
 * @example
 * const kafkajs = lazyModule<typeof import('kafkajs')>('kafkajs')
 * new (kafkajs().Kafka)({ brokers })
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the package's type, which require cannot know
export function lazyModule<T>(specifier: string, from: string = import.meta.url): () => T {
  let loaded: T | undefined
  return () => (loaded ??= createRequire(from)(specifier) as T)
}
