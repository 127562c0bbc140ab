import { readFileSync } from 'node:fs'
import type { ConnectionOptions } from 'node:tls'
import { lazyModule } from '@pipe/runtime'
import type forgeTypes from 'node-forge'
import { UserError } from '../errors/user-error.js'

const nodeForge = lazyModule<typeof forgeTypes>('node-forge', import.meta.url)

/** A key of a client config with where it was written (`file:line`), to word a bad value. */
export interface ConfigValue {
  readonly value: string
  readonly at: string
}

export type ConfigLookup = (key: string) => ConfigValue | undefined

const bad = (entry: ConfigValue, key: string, message: string, hint?: string): UserError =>
  new UserError('PIPE_CLIENT_CONFIG', `${entry.at}: ${key} ${message}`, hint)

function readStoreFile(get: ConfigLookup, key: string): Buffer {
  const entry = get(key)
  if (entry === undefined) throw new Error(`${key} is required here`)
  try {
    return readFileSync(entry.value)
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'
    throw bad(entry, key, `'${entry.value}' cannot be read (${why})`, 'give the path of a readable file')
  }
}

function storeType(get: ConfigLookup, key: string, fallback: string): string {
  const entry = get(key)
  const type = (entry?.value ?? fallback).toUpperCase()
  if (entry !== undefined && type !== 'PEM' && type !== 'PKCS12') {
    throw bad(entry, key, `'${entry.value}' cannot apply: pipe's Kafka client reads PEM and PKCS12 stores only`, `convert the store: keytool -importkeystore -srckeystore <store.jks> -deststoretype PKCS12 -destkeystore <store.p12>, then ${key}=PKCS12`)
  }
  return type
}

/** The CA certificates pipe trusts (`ca`), from `ssl.truststore.*`; Node's default CAs when none is given. */
function trustOptions(get: ConfigLookup): ConnectionOptions {
  const type = storeType(get, 'ssl.truststore.type', 'PEM')
  const inline = get('ssl.truststore.certificates')
  if (inline !== undefined) return { ca: inline.value }
  if (get('ssl.truststore.location') === undefined) return {}
  const store = readStoreFile(get, 'ssl.truststore.location')
  if (type === 'PEM') return { ca: store }
  return { ca: pkcs12Certificates(store, get('ssl.truststore.password')?.value ?? '', get('ssl.truststore.location')) }
}

/** The client certificate and key (mutual TLS), from `ssl.keystore.*`. */
function keyOptions(get: ConfigLookup): ConnectionOptions {
  const type = storeType(get, 'ssl.keystore.type', 'PEM')
  const keyPassword = get('ssl.key.password')?.value
  const passphrase = keyPassword === undefined ? {} : { passphrase: keyPassword }
  const key = get('ssl.keystore.key')
  const chain = get('ssl.keystore.certificate.chain')
  if (key !== undefined || chain !== undefined) {
    if (key === undefined || chain === undefined) throw bad((key ?? chain) as ConfigValue, key === undefined ? 'ssl.keystore.certificate.chain' : 'ssl.keystore.key', 'is given without its pair', 'give both ssl.keystore.key and ssl.keystore.certificate.chain (PEM)')
    return { key: key.value, cert: chain.value, ...passphrase }
  }
  if (get('ssl.keystore.location') === undefined) return {}
  const store = readStoreFile(get, 'ssl.keystore.location')
  if (type === 'PEM') return { key: store, cert: store, ...passphrase }
  return { pfx: store, passphrase: keyPassword ?? get('ssl.keystore.password')?.value ?? '' }
}

/**
 * Node's TLS options from Kafka's `ssl.*` client keys: PEM or PKCS12 truststore and keystore,
 * and `ssl.endpoint.identification.algorithm` (empty: the broker's host name is not checked).
 */
export function tlsOptions(get: ConfigLookup): ConnectionOptions {
  const identification = get('ssl.endpoint.identification.algorithm')
  const algorithm = identification?.value.trim().toLowerCase() ?? 'https'
  if (identification !== undefined && algorithm !== '' && algorithm !== 'https') {
    throw bad(identification, 'ssl.endpoint.identification.algorithm', `'${identification.value}' is not known: expected https or empty (no host name check)`)
  }
  return {
    ...trustOptions(get),
    ...keyOptions(get),
    ...(algorithm === '' ? { checkServerIdentity: () => undefined } : {}),
  }
}

/** The certificates of a PKCS12 truststore, as PEM (Node's TLS reads a PKCS12 only with a key, as `pfx`). */
function pkcs12Certificates(store: Buffer, password: string, where: ConfigValue | undefined): string[] {
  try {
    const forge = nodeForge()
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(store.toString('binary'))), false, password)
    const bags = p12.getBags({ bagType: forge.pki.oids['certBag'] ?? '' })[forge.pki.oids['certBag'] ?? ''] ?? []
    const pems = bags.flatMap((bag) => (bag.cert === undefined ? [] : [forge.pki.certificateToPem(bag.cert)]))
    if (pems.length > 0) return pems
    throw new Error('it holds no certificate')
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw bad(where ?? { value: '', at: 'ssl.truststore.location' }, 'ssl.truststore.location', `cannot be read as a PKCS12 truststore (${why.includes('MAC') || why.includes('password') ? 'wrong ssl.truststore.password?' : why})`, 'check ssl.truststore.password, or give the CA as PEM (ssl.truststore.type=PEM)')
  }
}
