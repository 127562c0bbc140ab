export { startTwitterApi } from './server.js'
export type { ServedLog, ServedRequest, TwitterApiServer } from './server.js'
export { makeTweet, scenarioIds, tweetId } from './scenario.js'
export type { ConnectionScript, Scenario, SearchScript, StoredTweet } from './scenario.js'
