import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Writes a fresh bench project in `outDir` (three levels under the repository): a tsconfig that both
 * `pipe check` and `tsc --noEmit` read, mapping @pipe/dsl to its sources, and `count` pipeline files
 * `pipelines/bench-NN.ts` from `pipelineSource(n)`. `before` runs after the folder is emptied.
 */
export function writeBenchProject(outDir: string, count: number, pipelineSource: (n: number) => string, before?: () => void): void {
  const pipelinesDir = join(outDir, 'pipelines')
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(pipelinesDir, { recursive: true })
  before?.()
  const tsconfig = {
    extends: '../../../tsconfig.base.json',
    compilerOptions: {
      noEmit: true, composite: false, declaration: false, declarationMap: false, customConditions: ['@pipe/source'],
      paths: { '@pipe/dsl': ['../../../packages/dsl/src/index.ts'], '@pipe/dsl/connectors': ['../../../packages/dsl/src/connectors/index.ts'] },
    },
    include: ['pipelines/**/*.ts'],
  }
  writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  for (let i = 1; i <= count; i++) writeFileSync(join(pipelinesDir, `bench-${String(i).padStart(2, '0')}.ts`), pipelineSource(i))
}
