import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pipeBin, repoRoot, runPipe } from './run-pipe.js'

describe('the pipe consume hint of pipe run', () => {
  it('is shell-quoted, so that pasting it reads the run\'s store even from a path with spaces and quotes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-hint-e2e-'))
    writeFileSync(join(dir, 'input.txt'), 'one\ntwo\n')
    const stateDir = "my state's dir"
    const run = await runPipe(['run', join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts'), '--max-idle', '1s', '--state-dir', stateDir], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-hint' } })
    expect(run.status).toBe(0)
    const hint = /^topic 'e2e-hint-lines': (pipe consume .*)$/m.exec(run.stderr)?.[1]
    expect(hint).toBe("pipe consume e2e-hint-lines --from-beginning --state-dir 'my state'\\''s dir'")
    // what a user pastes, with `pipe` standing for the built binary
    const pasted = execFileSync('sh', ['-c', `"$0" "$1" ${(hint ?? '').replace(/^pipe /, '')} --max-messages 2`, process.execPath, pipeBin], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(pasted).toBe('one\ntwo\n')
  })
})
