import { main } from './main.js'

// The only place that sets the exit code: 0 ok, 1 user error, 2 internal error.
process.exitCode = await main(process.argv.slice(2))
// Every command has finished its work and flushed what it owes; a driver socket or timer left open
// (kafkajs, cassandra-driver) must not keep the process alive after that. The timer is unref'd, so a
// clean exit never waits for it.
setTimeout(() => { process.exit() }, 5_000).unref()
