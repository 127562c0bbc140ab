/** 0 ok, 1 user or validation error, 2 internal error (a bug in pipe: stack + "please report"). */
export type ExitCode = 0 | 1 | 2
