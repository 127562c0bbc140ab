// The quickstart: 200,000 generated orders, priced by a TypeScript step, through a topic into a text
// file (one record per line, as FileStream writes it). Runs on the embedded default: no broker, no credentials.
//   pipe run pipelines/quickstart.ts --max-idle 2s
//   pipe consume quickstart-orders --from-beginning --max-messages 5
import { source, topic } from '@pipe/dsl'
import { datagen, fileSink } from '@pipe/dsl/connectors'

export default source(datagen({ preset: 'orders', maxRecords: 200_000, seed: 42 }))
  .map((order) => ({ ...order, total: Math.round(order.price * order.quantity * 100) / 100 }))
  .maskField(['customer_id'])
  .to(topic('quickstart-orders', { partitions: 1 }))
  .sink(fileSink({ file: 'build/quickstart/orders.txt' }))
  .named('quickstart')
