import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { javaBin, repoRoot } from '../paths.js'

/** Attributes of each MBean, by object name (`kafka.connect:type=source-task-metrics,connector=x,task=0`). */
export type MBeans = Record<string, Record<string, string | number | boolean | null>>

/**
 * Reads MBeans from a JVM's JMX (the JDK's connector, `host:port`) with a single-file Java program:
 * no agent, no download. Patterns are JMX object name patterns.
 *
 * @example
 * const beans = await readMBeans(servers().connect.jmx, ['kafka.connect:type=source-task-metrics,*'])
 */
export function readMBeans(address: string, patterns: readonly string[]): Promise<MBeans> {
  return new Promise((done, fail) => {
    execFile(javaBin(), [join(repoRoot, 'test', 'infra', 'jmx', 'JmxRead.java'), address, ...patterns], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null) fail(new Error(`reading JMX at ${address} failed: ${stderr.trim() || error.message}`))
      else done(JSON.parse(stdout) as MBeans)
    })
  })
}
