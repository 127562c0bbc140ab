// Builds the web console (preact + dagre, bundled by esbuild) into dist/console: static files the
// worker serves at /ui/; no CDN, works offline. Run by `pnpm build` (after tsc -b).
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'dist', 'console')
mkdirSync(out, { recursive: true })
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' })
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, legalComments: 'none',
  outfile: join(out, 'console.js'), logLevel: 'warning',
})
for (const file of ['index.html', 'console.css']) copyFileSync(join(here, file), join(out, file))
