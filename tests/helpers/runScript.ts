import { spawn } from 'node:child_process'

export type ScriptResult = { code: number | null; stdout: string; stderr: string }

/** Runs `npx tsx <script>` with extra environment and collects what it printed. */
export function runScript(script: string, env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A line of a stack trace, which a refusal to start never prints. */
export const STACK_LINE = /^\s+at /m
