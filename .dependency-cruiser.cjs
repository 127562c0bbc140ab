// @ts-check
/**
 * The layer rules of pipe's three packages, checked by `pnpm lint` (dependency-cruiser).
 *
 * Each package's source folders ("rooms") are listed bottom first: a room imports only rooms of a lower
 * layer, never a room of a higher one, and never a sibling of its own layer. A total order like this
 * also rules out folder cycles. Module cycles are refused everywhere. See CONTRIBUTING.md.
 */

/** Each package: its layers, bottom first; each layer lists its rooms (folders, or files at `src/`). */
const LAYERS = {
  dsl: [
    ['error-codes.ts', 'version.ts'],
    ['diagnostics.ts'],
    ['errors.ts', 'contract'],
    ['ir'],
    ['connectors'],
    ['builder', 'compile'],
    ['validate'],
    ['testing', 'index.ts'],
  ],
  runtime: [
    ['errors.ts', 'runtime-name.ts', 'operators', 'java'],
    ['records'],
    ['converters'],
    ['tasks'],
    ['transforms', 'connectors', 'topics'],
    ['plugins'],
    ['engine'],
    ['worker'],
    ['metrics'],
    ['rest'],
    ['index.ts'],
  ],
  cli: [
    ['version.ts', 'exit-code.ts', 'diagnostic.ts'],
    ['util'],
    ['errors'],
    ['output', 'load'],
    ['analyze'],
    ['deploy', 'run'],
    ['connect', 'worker', 'consume', 'plugins'],
    ['report', 'import'],
    ['commands'],
    ['main.ts'],
    ['bin.ts', 'index.ts'],
  ],
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A path pattern for a room: a folder (and everything under it) or a single file. */
const room = (pkg, name) => `^packages/${pkg}/src/${escapeRegExp(name)}${name.endsWith('.ts') ? '$' : '/'}`
const any = (pkg, names) => names.map((name) => room(pkg, name))

/** For each room: no import of a room above it, nor of a sibling room of its layer. */
function layerRules(pkg, layers) {
  return layers.flatMap((layer, index) => layer.flatMap((name) => {
    const above = layers.slice(index + 1).flat()
    const siblings = layer.filter((other) => other !== name)
    const rules = []
    if (above.length > 0) {
      rules.push({
        name: `${pkg}-layers`,
        comment: `${pkg}: ${name} is below ${above.join(', ')}; move the shared part down instead of importing up`,
        severity: 'error',
        from: { path: room(pkg, name) },
        to: { path: any(pkg, above) },
      })
    }
    if (siblings.length > 0) {
      rules.push({
        name: `${pkg}-siblings`,
        comment: `${pkg}: ${name} and ${siblings.join(', ')} share a layer and do not import each other`,
        severity: 'error',
        from: { path: room(pkg, name) },
        to: { path: any(pkg, siblings) },
      })
    }
    return rules
  }))
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a module cycle: break it by moving the shared part to a lower room',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'package-walls',
      comment: '@pipe/dsl imports neither @pipe/runtime nor @pipe/cli; @pipe/runtime does not import @pipe/cli',
      severity: 'error',
      from: { path: '^packages/dsl/' },
      to: { path: '^packages/(runtime|cli)/' },
    },
    {
      name: 'package-walls',
      comment: '@pipe/runtime does not import @pipe/cli',
      severity: 'error',
      from: { path: '^packages/runtime/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'one-engine',
      comment: 'tasks start only inside the engine: pipe run, the standalone and the distributed worker go through createEngine (and engine.assigned)',
      severity: 'error',
      from: { path: '^packages/runtime/src/', pathNot: ['^packages/runtime/src/engine/', '^packages/runtime/src/index\\.ts$'] },
      to: { path: '^packages/runtime/src/engine/(start-task|ensure-topics|source-runner|sink-runner|task-control)\\.ts$' },
    },
    {
      name: 'no-global-connector-list',
      comment: 'validation, compilation and the CLI take connector definitions from the pipeline (lowerPipeline(...).definitions), never from the built-in list, so user-defined and pulled connectors work as built-ins do',
      severity: 'error',
      from: { path: ['^packages/dsl/src/(compile|validate|builder)/', '^packages/cli/src/'] },
      to: { path: '^packages/dsl/src/connectors/(registry|index)\\.ts$' },
    },
    {
      name: 'unknown-room',
      comment: 'every file of src/ belongs to a room listed in .dependency-cruiser.cjs: add the new room to its layer',
      severity: 'error',
      from: {
        path: '^packages/(dsl|runtime|cli)/src/',
        pathNot: Object.entries(LAYERS).flatMap(([pkg, layers]) => any(pkg, layers.flat())),
      },
      to: {},
    },
    ...Object.entries(LAYERS).flatMap(([pkg, layers]) => layerRules(pkg, layers)),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '\\.test-d\\.ts$', '\\.fixture\\.ts$', '/dist/'] },
    includeOnly: '^packages/(dsl|runtime|cli)/src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.eslint.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@pipe/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
}
