import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's Chromium; PIPE_CHROMIUM overrides it. Nothing here ever downloads a browser. */
const debianChromium = '/usr/bin/chromium'

/** The browser's binary; on a fresh Debian machine, as root, installs Debian's package first. */
export function chromiumBin(): string {
  const override = process.env['PIPE_CHROMIUM']
  if (override !== undefined) return override
  if (existsSync(debianChromium)) return debianChromium
  if (process.getuid?.() !== 0) throw new Error(`no ${debianChromium}: install Debian's package (sudo apt-get install -y chromium) or set PIPE_CHROMIUM`)
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return debianChromium
}

/** Headless Chromium through playwright-core, with a fresh profile (its --user-data-dir) and no network of its own (updates, sync, QUIC). */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pipe-chromium-')), {
    executablePath: chromiumBin(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  })
}
