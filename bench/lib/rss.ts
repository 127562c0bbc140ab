import { readFileSync } from 'node:fs'

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))
    return match?.[1] === undefined ? undefined : Number(match[1])
  } catch {
    return undefined
  }
}

/** Samples a process's resident memory every `intervalMs` until stopped; reports peak and first sample in MiB. */
export function sampleRss(pid: number, intervalMs = 100): { stop: () => { peakMiB: number; startMiB: number } } {
  const first = statusKb(pid, 'VmRSS') ?? 0
  let peak = first
  const timer = setInterval(() => {
    // VmHWM is the kernel's own high-water mark, so short peaks between samples count too
    peak = Math.max(peak, statusKb(pid, 'VmHWM') ?? 0, statusKb(pid, 'VmRSS') ?? 0)
  }, intervalMs)
  return {
    stop: () => {
      clearInterval(timer)
      peak = Math.max(peak, statusKb(pid, 'VmRSS') ?? 0)
      return { peakMiB: peak / 1024, startMiB: first / 1024 }
    },
  }
}

/** Resident memory of a long-running process right now, in MiB (for a worker that was already up). */
export function currentRssMiB(pid: number): number {
  return (statusKb(pid, 'VmRSS') ?? 0) / 1024
}

/** CPU time (user + system) a process has used so far, in seconds; `undefined` once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    // fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}
