import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

/** What tsc said: its exit code and its output (one line per error). */
export interface TypeCheck {
  readonly status: number | null
  readonly output: string
}

/**
 * Type-checks the .ts files under `dir` with the project's strict options (tsconfig.base.json) and a tiny
 * tsconfig written into `dir` that maps `@pipe/dsl` and `@pipe/dsl/connectors` to this checkout's sources,
 * as a user's project sees the installed package (no build needed).
 */
export function typeCheckModules(dir: string): Promise<TypeCheck> {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`)
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({
    extends: join(ROOT, 'tsconfig.base.json'),
    compilerOptions: {
      noEmit: true, composite: false, declaration: false, declarationMap: false,
      customConditions: ['@pipe/source'],
      typeRoots: [join(ROOT, 'node_modules/@types')],
      paths: {
        '@pipe/dsl': [join(ROOT, 'packages/dsl/src/index.ts')],
        '@pipe/dsl/connectors': [join(ROOT, 'packages/dsl/src/connectors/index.ts')],
      },
    },
    include: ['**/*.ts'],
  }, null, 2)}\n`)
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    child.on('error', fail)
    child.on('close', (status) => { done({ status, output }) })
  })
}
