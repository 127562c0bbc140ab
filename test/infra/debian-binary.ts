import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * The path of a program from a Debian package, `override` (an environment variable) first; on a fresh
 * Debian machine, as root, installs the package when the program is missing (the project's own setup,
 * never a download of its own).
 *
 * @example
 * debianBinary('/usr/bin/prometheus', 'prometheus', 'PIPE_PROMETHEUS_BIN') // '/usr/bin/prometheus'
 */
export function debianBinary(path: string, pkg: string, override: string): string {
  const given = process.env[override]
  if (given !== undefined) return given
  if (existsSync(path)) return path
  if (process.getuid?.() !== 0) throw new Error(`no ${path}: install Debian's package (sudo apt-get install -y ${pkg}) or set ${override}`)
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return path
}
