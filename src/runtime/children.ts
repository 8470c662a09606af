import { spawn, type ChildProcess } from 'node:child_process'

import { onShutdown, shutdown } from './boot'

/** Runs a child process that lives and dies with this one. */
export function runChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, ...env },
  })
  let isExited = false
  child.on('exit', (code) => {
    isExited = true
    void shutdown(code ?? 0)
  })
  onShutdown(
    () =>
      new Promise<void>((resolve) => {
        if (isExited) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  )
  return child
}
