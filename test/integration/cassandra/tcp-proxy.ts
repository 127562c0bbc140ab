import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of a server, that a test can cut and restore: cut closes every connection
 * and refuses new ones (to a client the node is down), restore listens again on the same port.
 * Cheaper than stopping the real node, and the node's data stays as it is.
 */
export interface TcpProxy {
  /** `127.0.0.1:<port>` */
  readonly address: string
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      done(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

/** Starts a proxy on a free 127.0.0.1 port forwarding to `target` (`host:port`). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host = '127.0.0.1', port = '9042'] = target.split(':')
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const make = (): Server => createServer((client) => {
    const upstream = connect(Number(port), host)
    track(client)
    track(upstream)
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  let server: Server | undefined = make()
  const bound = await listen(server, 0)
  const stop = async (): Promise<void> => {
    const s = server
    server = undefined
    for (const socket of sockets) socket.destroy()
    if (s !== undefined) await new Promise<void>((done) => s.close(() => { done() }))
  }
  return {
    address: `127.0.0.1:${String(bound)}`,
    cut: stop,
    async restore() {
      if (server !== undefined) return
      server = make()
      await listen(server, bound)
    },
    close: stop,
  }
}
