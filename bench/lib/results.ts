import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../../test/infra/paths.js'

const resultsFile = join(repoRoot, 'bench', 'RESULTS.md')

/** Replaces (or appends) the section between `<!-- id:begin -->` and `<!-- id:end -->` in bench/RESULTS.md. */
export function recordSection(id: string, text: string): void {
  const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n'
  const begin = `<!-- ${id}:begin -->`
  const end = `<!-- ${id}:end -->`
  const block = `${begin}\n${text.trimEnd()}\n${end}`
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`)
  writeFileSync(resultsFile, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`)
}

/** Removes the section `id` from bench/RESULTS.md, if there. */
export function removeSection(id: string): void {
  if (!existsSync(resultsFile)) return
  const pattern = new RegExp(`\\n*<!-- ${id}:begin -->[\\s\\S]*?<!-- ${id}:end -->\\n?`)
  const current = readFileSync(resultsFile, 'utf8')
  if (pattern.test(current)) writeFileSync(resultsFile, current.replace(pattern, '\n'))
}

/** The machine line every section starts with. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu'
  return `${cpu}, ${String(cpus().length)} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
}
