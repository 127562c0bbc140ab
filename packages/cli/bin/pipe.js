#!/usr/bin/env node
// The published entry point: the compiled CLI. Run `pnpm build` first in a checkout.
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('pipe: the CLI is not built yet; run `pnpm build` in the repository first\n')
    process.exitCode = 2
    return
  }
  throw error
})
