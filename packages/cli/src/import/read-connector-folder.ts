import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../errors/user-error.js'
import { readConnectorFile } from '../worker/connector-files.js'
import type { ImportedConnector } from './import-pipelines.js'

/**
 * Reads every `.json` (POST /connectors body, or a bare config map) and `.properties` connector file
 * of a folder, as `pipe worker` reads them; a file that cannot be read is given back with its reason.
 *
 * @example
 * ```ts
 * const { connectors, failed } = await readConnectorFolder('connect/')
 * ```
 */
export async function readConnectorFolder(dir: string): Promise<{ connectors: ImportedConnector[]; failed: { file: string; reason: string }[] }> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') || n.endsWith('.properties')).sort()
  } catch {
    throw new UserError('PIPE_FILE_NOT_FOUND', `cannot read the folder '${dir}'`, 'give --from a folder of connector .json and .properties files')
  }
  const connectors: ImportedConnector[] = []
  const failed: { file: string; reason: string }[] = []
  for (const name of names) {
    try {
      const file = await readConnectorFile(join(dir, name))
      connectors.push({ name: file.name, config: { ...file.config, name: file.name }, ...(file.initialState === undefined ? {} : { state: file.initialState }) })
    } catch (error) {
      if (!UserError.is(error)) throw error
      failed.push({ file: join(dir, name), reason: error.message })
    }
  }
  return { connectors, failed }
}
