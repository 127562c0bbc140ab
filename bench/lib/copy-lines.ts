/**
 * The physical limit of the throughput race: one process that reads the input file line by line and writes
 * every line to the output file, with no store, no topic and no conversion: the best any engine could do here.
 *
 *   node --import tsx bench/lib/copy-lines.ts <input> <output>
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'

const [input = '', output = ''] = process.argv.slice(2)
const from = openSync(input, 'r')
const to = openSync(output, 'w')
const buffer = Buffer.alloc(1 << 20)
let rest = ''
for (;;) {
  const read = readSync(from, buffer, 0, buffer.length, null)
  if (read === 0) break
  const lines = (rest + buffer.toString('utf8', 0, read)).split('\n')
  rest = lines.pop() ?? ''
  // line by line, as a source hands records to a sink: each line is its own string, written with its newline
  const out: string[] = []
  for (const line of lines) out.push(line, '\n')
  writeSync(to, out.join(''))
}
if (rest !== '') writeSync(to, `${rest}\n`)
closeSync(from)
closeSync(to)
