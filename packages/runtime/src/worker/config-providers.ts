/** Config providers live with the engine (`pipe run` resolves them too); the worker uses the same ones. */
export { redact, resolveConfig } from '../engine/config-providers.js'
export type { EnvSource } from '../engine/config-providers.js'
