// Tables out of a database by query: seven shop tables into one topic per table (shop-<table>), new rows by
// their increasing id; the connector divides the tables among 3 tasks. Pipe runtime only (no JDBC source
// connector is served by Maven Central):
//   DB_PASSWORD= pipe run pipelines/tables.ts --max-idle 5s
// TABLES_URL says where the database is (jdbc:mariadb://... or jdbc:postgresql://...).
import { source, topic, env } from '@pipe/dsl'
import { jdbcSource } from '@pipe/dsl/connectors'

export const shopTables = ['customers', 'orders', 'order_lines', 'products', 'stock', 'shipments', 'invoices'] as const

export default source(
  jdbcSource({
    url: process.env['TABLES_URL'] ?? 'jdbc:mariadb://127.0.0.1:3306/shop',
    username: process.env['TABLES_USER'] ?? 'root',
    password: env('DB_PASSWORD'),
    mode: 'incrementing',
    incrementingColumn: 'id',
    tables: [...shopTables],
    topicPrefix: 'shop-',
    pollIntervalMs: 1000,
  }),
  { tasksMax: 3 },
)
  .to(topic('shop-tables', { partitions: 1, format: 'json' }))
  .named('tables')
