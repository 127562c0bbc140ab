#!/bin/sh
':' //; case " $NODE_OPTIONS " in *--max-semi-space-size*) exec node "$0" "$@" ;; *) exec node --max-semi-space-size=32 "$0" "$@" ;; esac
// The published entry point: the compiled CLI. Run `pnpm build` first in a checkout.
//
// Started as a program (a bin link, a shim, `./bin/pipe.js`), the line above is a shell command (in
// JavaScript, a string and a comment): it starts Node on this file with V8's young generation semi-space
// at 32 MiB instead of 16. Records waiting in a produce request or a fetch then die young instead of being
// copied into the old generation: pipe run on Kafka spends 15-18% less CPU (bench/RESULTS.md). A
// --max-semi-space-size in NODE_OPTIONS wins. `node bin/pipe.js` skips the line and runs with Node's default.
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('pipe: the CLI is not built yet; run `pnpm build` in the repository first\n')
    process.exitCode = 2
    return
  }
  throw error
})
