import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pipeBin, repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'run', name)

describe('pipe on a state directory another pipe holds', () => {
  it('refuses a second run and a worker in one line naming the holder, lets consume read, and takes over after kill -9', async () => {
    // GIVEN an endless pipe run on .pipe
    const dir = mkdtempSync(join(tmpdir(), 'pipe-lock-e2e-'))
    const holder = spawn(process.execPath, [pipeBin, 'run', fixture('endless.ts')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    holder.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    const exited = new Promise((resolve) => { holder.on('close', resolve) })
    try {
      while (!stderr.includes('endless-sink (sink) RUNNING')) await new Promise((resolve) => setTimeout(resolve, 50))
      // WHEN a second run and a worker open the same directory, THEN each is refused with one line, exit 1
      const holderText = `pid ${String(holder.pid)} \\(pipe run .*endless\\.ts, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)`
      for (const [command, args] of [['run', ['run', fixture('endless.ts')]], ['worker', ['worker', '--listeners', 'http://127.0.0.1:0']]] as const) {
        const second = await runPipe(args, { cwd: dir })
        expect(second.stdout).toBe('')
        expect(second.stderr).not.toMatch(STACK_FRAME)
        expect(second.stderr).toMatch(new RegExp(`^pipe ${command}: error PIPE_STATE_DIR_IN_USE: state directory '\\.pipe' is in use by ${holderText}; fix: stop that process first \\(Ctrl-C there\\), or pass another --state-dir\\n$`))
        expect(second.status).toBe(1)
      }
      // a reader reads beside it
      const consumed = await runPipe(['consume', 'endless-pageviews', '--from-beginning', '--max-messages', '3'], { cwd: dir })
      expect(consumed.status).toBe(0)
      expect(consumed.stdout.trimEnd().split('\n')).toHaveLength(3)
    } finally {
      // WHEN the holder dies without cleaning up
      holder.kill('SIGKILL')
      await exited
    }
    // THEN the next run takes the directory at once
    writeFileSync(join(dir, 'input.txt'), 'a\nb\n')
    const next = await runPipe(['run', fixture('file-to-file.ts'), '--max-idle', '500ms'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'lock-e2e' } })
    expect(next.stderr).not.toContain('PIPE_STATE_DIR')
    expect(next.status).toBe(0)
  }, 90_000)
})
