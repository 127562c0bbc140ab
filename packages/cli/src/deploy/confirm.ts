import { createInterface } from 'node:readline/promises'

/** Asks a yes/no question on the terminal; only an answer starting with y means yes. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await prompt.question(`${question} [y/N] `)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    prompt.close()
  }
}

/** Whether pipe can ask: both stdin and stdout are terminals. */
export const canAsk = (): boolean => process.stdin.isTTY && process.stdout.isTTY
