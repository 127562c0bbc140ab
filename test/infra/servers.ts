import { keystorePassword, secureUsers } from './servers/kafka-secure.js'
import { readState, type ServerName, type ServerState } from './state.js'

/**
 * Where the real servers of this test run listen. Integration tests declare what they need in their
 * first line (`// @servers kafka connect`); the global setup starts exactly those once per run.
 * A server that is not running is a failure that says what to run, never a skip.
 */
export interface Servers {
  readonly kafka: { readonly bootstrapServers: string; readonly brokers: readonly string[] }
  readonly connect: {
    readonly url: string
    readonly bootstrapServers: string
    readonly groupId: string
    readonly configTopic: string
    readonly offsetTopic: string
    readonly statusTopic: string
    /** The worker JVM's JMX (`host:port`, the JDK's connector, no credentials); absent on a worker started before it had one */
    readonly jmx: string | undefined
  }
  readonly cassandra: { readonly contactPoints: readonly string[]; readonly localDataCenter: string; readonly port: number }
  readonly postgres: PostgresEndpoint
  /** PostgreSQL with `wal_level=logical` started by test/infra (CDC: Debezium, pgoutput); superuser, trust */
  readonly postgresLogical: PostgresEndpoint
  /** Debian's Prometheus: its HTTP API at `url`; a test scrapes its targets by writing a file_sd file into `targetsDir` */
  readonly prometheus: { readonly url: string; readonly targetsDir: string }
  readonly kafkaSecure: KafkaSecureEndpoint
  /** the machine's MariaDB (root, no password on loopback), checked by the global setup */
  readonly mariadb: MariadbEndpoint
}

/** The secured broker (test/infra/servers/kafka-secure.ts): its listeners, certificates and users. */
export interface KafkaSecureEndpoint {
  /** PLAINTEXT on 127.0.0.1, super user: for setup and checks */
  readonly plaintext: string
  /** SASL_SSL on localhost (SCRAM-SHA-256/512, PLAIN) */
  readonly sasl: string
  /** SSL on localhost requiring a client certificate */
  readonly ssl: string
  /** folder of ca.pem, other-ca.pem, truststore.p12, client.pem/.key, client-keystore.pem, client.p12 */
  readonly certs: string
  readonly users: typeof secureUsers
  readonly keystorePassword: string
}

export interface MariadbEndpoint {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  /** `jdbc:mariadb://host:port/` plus a database name: what the jdbc connectors take */
  readonly jdbcUrl: (database: string) => string
}

export interface PostgresEndpoint {
  readonly connectionString: string
  readonly host: string
  readonly port: number
  readonly user: string
  readonly database: string
}

function need(name: ServerName): ServerState {
  const state = readState(name)
  if (state === undefined) {
    throw new Error(
      `${name} is not running. Start it with \`pnpm infra up ${name}\`, or run the whole suite with ` +
      `\`pnpm test:all\`; an integration test file asks for it with a first line \`// @servers ${name}\``,
    )
  }
  return state
}

const info = (state: ServerState, key: string): string => {
  const value = state.info?.[key]
  if (value === undefined) throw new Error(`${state.name} state has no '${key}': restart it with \`pnpm infra down && pnpm infra up ${state.name}\``)
  return value
}

/** Endpoints of the running servers; each getter throws a clear error when its server is missing. */
export function servers(): Servers {
  return {
    get kafka() {
      const state = need('kafka')
      return { bootstrapServers: state.endpoint, brokers: [state.endpoint] }
    },
    get connect() {
      const state = need('connect')
      return {
        url: state.endpoint,
        bootstrapServers: info(state, 'bootstrap'),
        groupId: info(state, 'groupId'),
        configTopic: info(state, 'configTopic'),
        offsetTopic: info(state, 'offsetTopic'),
        statusTopic: info(state, 'statusTopic'),
        jmx: state.info?.['jmx'],
      }
    },
    get cassandra() {
      const state = need('cassandra')
      return { contactPoints: [state.endpoint], localDataCenter: info(state, 'localDataCenter'), port: state.ports['native'] ?? 9042 }
    },
    get postgres() {
      // the machine's own PostgreSQL (trust authentication on loopback), checked by the global setup
      const host = '127.0.0.1'
      const port = Number(process.env['PGPORT'] ?? 5432)
      const user = process.env['PGUSER'] ?? 'postgres'
      const database = process.env['PGDATABASE'] ?? 'postgres'
      return { connectionString: `postgresql://${user}@${host}:${port}/${database}`, host, port, user, database }
    },
    get kafkaSecure() {
      const state = need('kafka-secure')
      return { plaintext: state.endpoint, sasl: info(state, 'sasl'), ssl: info(state, 'ssl'), certs: info(state, 'certs'), users: secureUsers, keystorePassword }
    },
    get prometheus() {
      const state = need('prometheus')
      return { url: state.endpoint, targetsDir: info(state, 'targets') }
    },
    get mariadb() {
      const host = '127.0.0.1'
      const port = Number(process.env['MARIADB_PORT'] ?? 3306)
      const user = process.env['MARIADB_USER'] ?? 'root'
      const password = process.env['MARIADB_PASSWORD'] ?? ''
      return { host, port, user, password, jdbcUrl: (database: string) => `jdbc:mariadb://${host}:${port}/${database}` }
    },
    get postgresLogical() {
      const state = need('postgres-logical')
      const host = '127.0.0.1'
      const port = state.ports['pg'] ?? 5433
      const user = info(state, 'user')
      const database = info(state, 'database')
      return { connectionString: `postgresql://${user}@${host}:${port}/${database}`, host, port, user, database }
    },
  }
}
