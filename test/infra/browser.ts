import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { debianBinary } from './debian-binary.js'

/** Debian's Chromium (installed as root when missing); PIPE_CHROMIUM overrides it. Nothing here ever downloads a browser. */
export const chromiumBin = (): string => debianBinary('/usr/bin/chromium', 'chromium', 'PIPE_CHROMIUM')

/** Headless Chromium through playwright-core, with a fresh profile (its --user-data-dir) and no network of its own (updates, sync, QUIC). */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pipe-chromium-')), {
    executablePath: chromiumBin(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  })
}
