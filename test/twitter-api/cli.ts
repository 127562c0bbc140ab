import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Scenario } from './scenario.js'
import { startTwitterApi } from './server.js'

/**
 * Runs the local Twitter API v2 server for a demo or a manual `pipe run`:
 *
 *   pnpm exec tsx test/twitter-api/cli.ts --tweets 100000 --rate 50
 *   pnpm exec tsx test/twitter-api/cli.ts --scenario my-scenario.json
 *
 * The bearer token it accepts is $TWITTER_BEARER_TOKEN (or `local-token`). It prints its base URL
 * (set it as the twitter source's `apiUrl`) and runs until Ctrl-C.
 */
const { values } = parseArgs({
  options: {
    tweets: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '20' },
    'keep-alive-ms': { type: 'string', default: '20000' },
    scenario: { type: 'string' },
  },
})

const fromFile = values.scenario === undefined ? {} : (JSON.parse(readFileSync(values.scenario, 'utf8')) as Partial<Scenario>)
const scenario: Scenario = {
  bearerToken: process.env['TWITTER_BEARER_TOKEN'] ?? 'local-token',
  tweets: Number(values.tweets),
  ratePerSecond: Number(values.rate),
  keepAliveMs: Number(values['keep-alive-ms']),
  ...fromFile,
}
const api = await startTwitterApi(scenario)
process.stdout.write(`local Twitter API v2 at ${api.url} (${scenario.tweets} tweets at ${scenario.ratePerSecond ?? 1000}/s once a stream connects)\n`)
const shutdown = (): void => {
  void api.close().then(() => process.stdout.write(`served ${api.served.streamedIds.length} streamed tweets, ${api.served.requests.length} requests\n`))
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
