import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { OffsetsBody } from '@pipe/dsl/contract'
import { ConnectError } from './connect-error.js'
import { parseOffsets } from './connect-types.js'
import { DeployUserError } from '../errors/deploy-user-error.js'

/** How `pipe offsets alter` takes the new offsets: one partition and offset, or a file. */
export interface OffsetsInput {
  readonly partition?: string
  readonly offset?: string
  readonly file?: string
}

const EXAMPLE = `--partition '{"filename":"/data/in.txt"}' --offset '{"position":42}'`

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new DeployUserError('PIPE_INVALID_OFFSETS', `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, `quote the JSON for the shell, e.g. ${EXAMPLE}`)
  }
}

function checked(body: unknown, what: string): OffsetsBody {
  try {
    return parseOffsets(body)
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error
    throw new DeployUserError('PIPE_INVALID_OFFSETS', `${what} is not an offsets body {"offsets":[{"partition":{...},"offset":{...} or null}]}`, `see pipe offsets get <name> --json for the shape, or pass ${EXAMPLE}`)
  }
}

/** The body of PATCH /connectors/{name}/offsets from `--partition` and `--offset`, or from `--file`. */
export async function readOffsetsRequest(input: OffsetsInput, cwd: string): Promise<OffsetsBody> {
  if (input.file !== undefined) {
    if (input.partition !== undefined || input.offset !== undefined) {
      throw new DeployUserError('PIPE_INVALID_OFFSETS', 'pass either --file or --partition with --offset, not both', `e.g. ${EXAMPLE}`)
    }
    const text = await readFile(resolve(cwd, input.file), 'utf8').catch(() => {
      throw new DeployUserError('PIPE_FILE_NOT_FOUND', `cannot read offsets file '${input.file ?? ''}'`, 'pass a JSON file with {"offsets":[...]}')
    })
    return checked(parseJson(text, `offsets file '${input.file}'`), `offsets file '${input.file}'`)
  }
  if (input.partition === undefined || input.offset === undefined) {
    throw new DeployUserError('PIPE_INVALID_OFFSETS', 'pipe offsets alter needs --partition and --offset, or --file', `e.g. ${EXAMPLE}`)
  }
  const body = { offsets: [{ partition: parseJson(input.partition, '--partition'), offset: parseJson(input.offset, '--offset') }] }
  return checked(body, '--partition/--offset')
}
