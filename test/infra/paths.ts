import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (two levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The git-ignored working folder of the test servers: jars, generated configs, data, logs, pid files.
 * Override with PIPE_INFRA_HOME (must be absolute: it goes into file:// URLs and plugin.path).
 */
export function infraHome(): string {
  const home = process.env['PIPE_INFRA_HOME'] ?? join(repoRoot, '.infra')
  return resolve(home)
}

export const infraDir = (...parts: string[]): string => join(infraHome(), ...parts)

export const pomPath = (component: string): string => join(repoRoot, 'test', 'infra', 'maven', component, 'pom.xml')

export function javaBin(): string {
  const home = process.env['JAVA_HOME']
  if (home !== undefined && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java')
  return 'java'
}
