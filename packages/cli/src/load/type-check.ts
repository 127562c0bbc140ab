import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Project, ts } from 'ts-morph'
import type { Diagnostic } from '../diagnostic.js'

/** Compiler options for pipeline files that no tsconfig.json covers: the strict ones pipe recommends. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
}

/** The nearest tsconfig.json at or above the folder of `file`, if any. */
export function findTsconfig(file: string): string | undefined {
  let dir = dirname(file)
  for (;;) {
    const candidate = join(dir, 'tsconfig.json')
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

function toDiagnostic(diagnostic: ts.Diagnostic, code: 'PIPE_SYNTAX_ERROR' | 'PIPE_TYPE_ERROR'): Diagnostic {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  const message = `TS${String(diagnostic.code)}: ${text}`
  const severity = diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning'
  const file = diagnostic.file
  if (file === undefined || diagnostic.start === undefined) return { code, severity, message }
  const position = file.getLineAndCharacterOfPosition(diagnostic.start)
  return { code, severity, message, location: { file: file.fileName, line: position.line + 1, column: position.character + 1 } }
}

function checkGroup(tsconfig: string | undefined, files: readonly string[]): Diagnostic[] {
  const project = tsconfig === undefined
    ? new Project({ compilerOptions: DEFAULT_OPTIONS })
    : new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, compilerOptions: { noEmit: true } })
  for (const file of files) project.addSourceFileAtPath(file)
  project.resolveSourceFileDependencies()
  const program = project.getProgram().compilerObject
  // problems of the configuration itself (an unknown option, a missing `types` package) come first
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
  const diagnostics: Diagnostic[] = global.map((d) => toDiagnostic(d, 'PIPE_TYPE_ERROR'))
  for (const file of files) {
    const source = program.getSourceFile(file)
    if (source === undefined) continue
    const syntactic = program.getSyntacticDiagnostics(source)
    diagnostics.push(...syntactic.map((d) => toDiagnostic(d, 'PIPE_SYNTAX_ERROR')))
    // like tsc: semantic errors of a file that does not parse are noise
    if (syntactic.length === 0) {
      diagnostics.push(...program.getSemanticDiagnostics(source).map((d) => toDiagnostic(d, 'PIPE_TYPE_ERROR')))
    }
  }
  return diagnostics
}

/**
 * Type-checks pipeline files with the project's own compiler options (the nearest tsconfig.json of
 * each file) and reports the diagnostics of those files only, as tsc would for them.
 */
export function typeCheck(files: readonly string[]): Diagnostic[] {
  const groups = new Map<string | undefined, string[]>()
  for (const file of files) {
    const tsconfig = findTsconfig(file)
    groups.set(tsconfig, [...(groups.get(tsconfig) ?? []), file])
  }
  return [...groups].flatMap(([tsconfig, group]) => checkGroup(tsconfig, group))
}
