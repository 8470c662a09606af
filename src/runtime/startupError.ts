/**
 * Why a process cannot start, as one sentence that also says what to do. Entry points print the
 * message alone (no stack trace: nothing in it would help) and exit 1; `cause` keeps the detail.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StartupError'
  }
}
