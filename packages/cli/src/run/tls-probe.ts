import { isIP } from 'node:net'
import { checkServerIdentity, connect, type ConnectionOptions, type PeerCertificate } from 'node:tls'
import { UserError } from '../errors/user-error.js'
import { apiVersionsRequest, classify, splitAddress } from './broker-probe.js'

/** `CN=broker, O=pipe` of a certificate's subject or issuer. */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (name === undefined) return '(none)'
  return Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ')
}

// the TLS alerts a broker sends a client whose certificate it refuses (RFC 8446 section 6)
const ALERTS: Readonly<Record<string, string>> = { '40': 'handshake_failure', '42': 'bad_certificate', '48': 'unknown_ca', '116': 'certificate_required' }

function alertName(message: string): string {
  const number = /alert number (\d+)/.exec(message)?.[1]
  if (number === undefined) return message.replace(/^.*alert /, 'alert ')
  return `TLS alert ${number}${ALERTS[number] === undefined ? '' : `, ${ALERTS[number]}`}`
}

const TRUST_HINT = 'set ssl.truststore.location (or ssl.truststore.certificates) in the client config to the CA that signed the broker\'s certificate'

/** Why a TLS handshake result is refused, or undefined when the broker is trusted and named right. */
function refusal(address: string, host: string, options: ConnectionOptions, cert: PeerCertificate, authorizationError: unknown): UserError | undefined {
  const subject = distinguishedName(cert.subject)
  const hostMismatch = new UserError('PIPE_TLS_HOST_MISMATCH', `the certificate of broker ${address} (subject ${subject}, names ${cert.subjectaltname ?? 'none'}) does not match host name '${host}'`, 'connect by a name the certificate holds, or set ssl.endpoint.identification.algorithm= (empty) to skip the host name check')
  // Node gives the reason as a code string (its types say Error)
  const code = authorizationError instanceof Error ? authorizationError.message : typeof authorizationError === 'string' ? authorizationError : undefined
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return hostMismatch
  if (code !== undefined) {
    return new UserError('PIPE_TLS_UNTRUSTED', `the certificate of broker ${address} (subject ${subject}, issuer ${distinguishedName(cert.issuer)}) is not trusted: ${code}`, TRUST_HINT)
  }
  const check = options.checkServerIdentity ?? checkServerIdentity
  return check(host, cert) === undefined ? undefined : hostMismatch
}

/**
 * Opens a TLS connection to `address` with the client's TLS options and checks what the broker
 * shows before pipe's Kafka client does: a certificate signed by an untrusted CA or issued for
 * another name is one line naming the certificate's subject; a broker that refuses the client's
 * certificate (mutual TLS) is one line too. Resolves when the broker answers a Kafka request.
 */
export function assertTlsBroker(address: string, options: ConnectionOptions, timeoutMs: number): Promise<void> {
  const { host, port } = splitAddress(address)
  return new Promise((resolve, reject) => {
    const socket = connect({ ...options, host, port, ...(isIP(host) === 0 ? { servername: host } : {}), rejectUnauthorized: false })
    let received = Buffer.alloc(0)
    let secured = false
    const timer = setTimeout(() => { fail(new UserError('PIPE_BROKER_UNREACHABLE', `broker ${address} did not complete a TLS handshake and answer within ${String(Math.round(timeoutMs / 1000))}s`, 'check that the address is the broker\'s SSL or SASL_SSL listener')) }, timeoutMs)
    function finish(): void { clearTimeout(timer); socket.removeAllListeners('data'); socket.on('error', () => undefined); socket.destroy() }
    function fail(error: UserError): void { finish(); reject(error) }
    socket.once('secureConnect', () => {
      secured = true
      // authorizationError is null (not undefined) on a trusted certificate
      const refused = refusal(address, host, options, socket.getPeerCertificate(), socket.authorized ? undefined : socket.authorizationError)
      if (refused !== undefined) { fail(refused); return }
      socket.write(apiVersionsRequest())
    })
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (classify(received) !== undefined) { finish(); resolve() }
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code ?? error.message
      if (/certificate required|bad certificate|unknown ca|handshake failure/i.test(error.message)) {
        fail(new UserError('PIPE_TLS_CLIENT_CERTIFICATE', `broker ${address} refused the TLS handshake (${alertName(error.message)})`, 'the listener needs a client certificate its CA trusts: set ssl.keystore.location (and ssl.keystore.type PEM or PKCS12)'))
      } else {
        fail(new UserError('PIPE_BROKER_UNREACHABLE', `cannot open a TLS connection to broker ${address}: ${why}`, 'check the address and that it is the broker\'s SSL or SASL_SSL listener'))
      }
    })
    socket.once('end', () => {
      if (!secured) fail(new UserError('PIPE_TLS_HANDSHAKE', `${address} closed the connection during the TLS handshake: not a TLS listener`, 'use the broker\'s SSL or SASL_SSL listener, or set security.protocol=PLAINTEXT (SASL_PLAINTEXT) for this one'))
      else fail(new UserError('PIPE_TLS_CLIENT_CERTIFICATE', `broker ${address} closed the TLS connection without answering`, 'the listener may need a client certificate (ssl.keystore.location)'))
    })
  })
}
