import { diagnostic, type Diagnostic } from '../diagnostics.js'
import type { DefinitionCatalog } from '../connectors/catalog.js'
import { validatePluginOptions } from '../connectors/validate-options.js'
import type { TransformNode } from '../ir/nodes.js'
import type { PortableStepIR } from '../ir/steps.js'

/**
 * Diagnostics of one transform node's parameters.
 *
 * @example
 * ```ts
 * validateStep(transformNode, 'orders', definitions)
 * ```
 */
export function validateStep(node: TransformNode, pipeline: string, definitions: DefinitionCatalog): Diagnostic[] {
  const context = { location: node.loc, pipeline }
  const test = node.predicate?.test
  const predicateDefinition = definitions.predicates.get(node.id)
  const predicate = test?.type === 'plugin' && predicateDefinition !== undefined ? validatePluginOptions(predicateDefinition, test.config, context) : []
  if (node.step.type === 'code') return predicate
  if (node.step.type === 'plugin') {
    const definition = definitions.transforms.get(node.id)
    return [...(definition === undefined ? [] : validatePluginOptions(definition, node.step.config, context)), ...predicate]
  }
  const problem = stepProblem(node.step)
  if (problem === undefined) return predicate
  const method = STEP_METHODS[node.step.type]
  return [...predicate, diagnostic({ code: 'PIPE_INVALID_TRANSFORM', message: problem, hint: `fix the arguments of .${method}(...)`, location: node.loc, pipeline })]
}

/** The builder method of each portable step, for messages. */
export const STEP_METHODS: Readonly<Record<PortableStepIR['type'], string>> = {
  'insert-field': 'insertField', 'replace-field': 'replaceField', 'mask-field': 'maskField', cast: 'cast',
  'timestamp-converter': 'convertTimestamp', 'regex-router': 'routeByRegex', 'timestamp-router': 'routeByTimestamp',
  'value-to-key': 'valueToKey', 'extract-field': 'extractField', 'hoist-field': 'hoistField', flatten: 'flatten',
  'header-from': 'headerFrom', 'insert-header': 'insertHeader', 'drop-headers': 'dropHeaders', filter: 'dropIf',
}

/**
 * What is wrong with a portable step's parameters, if anything (types catch most of it; this
 * catches what they cannot: empty lists, mismatched lengths, bad regexes).
 *
 * @example
 * ```ts
 * stepProblem({ type: 'drop-headers', headers: [] }) // 'dropHeaders needs at least one header'
 * ```
 */
export function stepProblem(step: PortableStepIR): string | undefined {
  switch (step.type) {
    case 'mask-field':
    case 'value-to-key':
      return step.fields.length === 0 ? `${STEP_METHODS[step.type]} needs at least one field` : undefined
    case 'drop-headers':
      return step.headers.length === 0 ? 'dropHeaders needs at least one header' : undefined
    case 'header-from':
      if (step.fields.length === 0) return 'headerFrom needs at least one field'
      return step.fields.length === step.headers.length ? undefined : `headerFrom needs as many headers as fields (got ${step.fields.length} fields, ${step.headers.length} headers)`
    case 'cast':
      return step.spec === '' ? 'cast needs at least one field' : undefined
    case 'replace-field':
      return step.include === undefined && step.exclude === undefined && step.renames === undefined ? 'replaceField needs include, exclude or renames' : undefined
    case 'regex-router':
      return regexProblem(step.regex)
    case 'extract-field':
    case 'hoist-field':
      return step.field === '' ? `${STEP_METHODS[step.type]} needs a field name` : undefined
    case 'insert-field':
      return Object.keys(step).length === 1 ? 'insertField needs at least one of topic, partition, offset, timestamp, static' : undefined
    case 'timestamp-converter':
      return step.targetType === 'string' && step.format === undefined ? "convertTimestamp to 'string' needs a format" : undefined
    case 'insert-header':
    case 'timestamp-router':
    case 'flatten':
    case 'filter':
      return undefined
  }
}

function regexProblem(regex: string): string | undefined {
  try {
    new RegExp(regex)
    return undefined
  } catch {
    return `routeByRegex: '${regex}' is not a valid regular expression`
  }
}
