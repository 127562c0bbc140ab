/** The name this runtime reports, e.g. in worker info and connector statuses. */
export const RUNTIME_NAME = 'pipe'
