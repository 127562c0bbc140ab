import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GENERATED_MARK } from '../util/generated-mark.js'
import { findPulledModules } from './find-pulled-modules.js'

const pulledText = (cls: string, factory: string): string =>
  `${GENERATED_MARK} from ${cls} 1.0 on http://w:8083.\nexport function ${factory}<T = unknown>(options: O): SinkConnector<T> {\n`

async function project(root: string, factory: string): Promise<void> {
  await mkdir(join(root, 'connectors'), { recursive: true })
  await writeFile(join(root, 'package.json'), '{}')
  await writeFile(join(root, 'connectors', `${factory}.ts`), pulledText(`com.acme.${factory}`, factory))
}

describe('findPulledModules', () => {
  it('gives the modules of the project with specifiers from --out', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pipe-pulled-'))
    await project(root, 'acmeSink')
    const modules = await findPulledModules(root, join(root, 'pipelines'))
    expect(modules.map((m) => [m.factory, m.specifier])).toEqual([['acmeSink', '../connectors/acmeSink.js']])
  })

  it('with --out outside the project, takes the modules of the project --out is in, never a path out of it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pipe-pulled-'))
    await project(join(root, 'here'), 'hereSink')
    await project(join(root, 'there'), 'thereSink')
    const modules = await findPulledModules(join(root, 'here'), join(root, 'there', 'pipelines'))
    expect(modules.map((m) => [m.factory, m.specifier])).toEqual([['thereSink', '../connectors/thereSink.js']])
    await mkdir(join(root, 'loose'))
    expect(await findPulledModules(join(root, 'here'), join(root, 'loose', 'pipelines'))).toEqual([])
  })
})
