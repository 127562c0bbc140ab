/** Ctrl-C (or SIGTERM) asks for a graceful stop; a second one forces the process down. */
export interface StopSignal {
  readonly requested: boolean
  /** Sleeps `ms`, waking early when a stop is requested. */
  wait(ms: number): Promise<void>
  dispose(): void
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** Listens for SIGINT/SIGTERM; `onFirst` tells the user what happens now. */
export function listenForStop(onFirst: () => void): StopSignal {
  let requested = false
  const waiters = new Set<() => void>()
  const handler = (signal: NodeJS.Signals): void => {
    if (requested) {
      // second Ctrl-C: let the default handler end the process, as the user insists
      for (const s of SIGNALS) process.removeListener(s, handler)
      process.kill(process.pid, signal)
      return
    }
    requested = true
    onFirst()
    for (const wake of waiters) wake()
  }
  for (const s of SIGNALS) process.on(s, handler)
  return {
    get requested() { return requested },
    wait(ms) {
      if (requested) return Promise.resolve()
      return new Promise((resolve) => {
        const wake = (): void => { clearTimeout(timer); waiters.delete(wake); resolve() }
        const timer = setTimeout(wake, ms)
        waiters.add(wake)
      })
    },
    dispose() {
      for (const s of SIGNALS) process.removeListener(s, handler)
    },
  }
}
