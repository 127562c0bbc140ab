/** What a one-line error shows: `pipe <command>: error <code>: <message>; fix: <hint>` (see report/one-line-error). */
export interface OneLineError {
  readonly code: string
  readonly message: string
  readonly hint?: string | undefined
}
