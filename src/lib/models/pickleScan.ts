import type { ByteSource } from './byteSource'
import { cursor, type Cursor } from './byteSource'

/**
 * A pickle opcode walker: reads a pickle stream opcode by opcode (protocols 0 to 5) without
 * executing anything, and collects every import it would perform — GLOBAL and INST name theirs
 * in the stream; STACK_GLOBAL takes its module and name from the strings pushed before it
 * (memoised strings included). An import whose strings cannot be resolved is reported as
 * dangerous: a scan that cannot tell must not pass.
 */

type Arg =
  | { kind: 'none' }
  | { kind: 'fixed'; bytes: number }
  | { kind: 'line' }
  | { kind: 'lines2' }
  | { kind: 'len'; bytes: 1 | 4 | 8 }

const NONE: Arg = { kind: 'none' }
const fixed = (bytes: number): Arg => ({ kind: 'fixed', bytes })
const LINE: Arg = { kind: 'line' }
const len = (bytes: 1 | 4 | 8): Arg => ({ kind: 'len', bytes })

/** Every opcode of pickletools, by byte: its name and how its argument is encoded. */
const OPCODES: Record<number, [string, Arg]> = {
  0x28: ['MARK', NONE],
  0x2e: ['STOP', NONE],
  0x30: ['POP', NONE],
  0x31: ['POP_MARK', NONE],
  0x32: ['DUP', NONE],
  0x46: ['FLOAT', LINE],
  0x49: ['INT', LINE],
  0x4a: ['BININT', fixed(4)],
  0x4b: ['BININT1', fixed(1)],
  0x4c: ['LONG', LINE],
  0x4d: ['BININT2', fixed(2)],
  0x4e: ['NONE', NONE],
  0x50: ['PERSID', LINE],
  0x51: ['BINPERSID', NONE],
  0x52: ['REDUCE', NONE],
  0x53: ['STRING', LINE],
  0x54: ['BINSTRING', len(4)],
  0x55: ['SHORT_BINSTRING', len(1)],
  0x56: ['UNICODE', LINE],
  0x58: ['BINUNICODE', len(4)],
  0x61: ['APPEND', NONE],
  0x62: ['BUILD', NONE],
  0x63: ['GLOBAL', { kind: 'lines2' }],
  0x64: ['DICT', NONE],
  0x7d: ['EMPTY_DICT', NONE],
  0x65: ['APPENDS', NONE],
  0x67: ['GET', LINE],
  0x68: ['BINGET', fixed(1)],
  0x69: ['INST', { kind: 'lines2' }],
  0x6a: ['LONG_BINGET', fixed(4)],
  0x6c: ['LIST', NONE],
  0x5d: ['EMPTY_LIST', NONE],
  0x6f: ['OBJ', NONE],
  0x70: ['PUT', LINE],
  0x71: ['BINPUT', fixed(1)],
  0x72: ['LONG_BINPUT', fixed(4)],
  0x73: ['SETITEM', NONE],
  0x74: ['TUPLE', NONE],
  0x29: ['EMPTY_TUPLE', NONE],
  0x75: ['SETITEMS', NONE],
  0x47: ['BINFLOAT', fixed(8)],
  0x80: ['PROTO', fixed(1)],
  0x81: ['NEWOBJ', NONE],
  0x82: ['EXT1', fixed(1)],
  0x83: ['EXT2', fixed(2)],
  0x84: ['EXT4', fixed(4)],
  0x85: ['TUPLE1', NONE],
  0x86: ['TUPLE2', NONE],
  0x87: ['TUPLE3', NONE],
  0x88: ['NEWTRUE', NONE],
  0x89: ['NEWFALSE', NONE],
  0x8a: ['LONG1', len(1)],
  0x8b: ['LONG4', len(4)],
  0x42: ['BINBYTES', len(4)],
  0x43: ['SHORT_BINBYTES', len(1)],
  0x8c: ['SHORT_BINUNICODE', len(1)],
  0x8d: ['BINUNICODE8', len(8)],
  0x8e: ['BINBYTES8', len(8)],
  0x8f: ['EMPTY_SET', NONE],
  0x90: ['ADDITEMS', NONE],
  0x91: ['FROZENSET', NONE],
  0x92: ['NEWOBJ_EX', NONE],
  0x93: ['STACK_GLOBAL', NONE],
  0x94: ['MEMOIZE', NONE],
  0x95: ['FRAME', fixed(8)],
  0x96: ['BYTEARRAY8', len(8)],
  0x97: ['NEXT_BUFFER', NONE],
  0x98: ['READONLY_BUFFER', NONE],
}

const STRING_OPS = new Set([
  'STRING',
  'BINSTRING',
  'SHORT_BINSTRING',
  'UNICODE',
  'BINUNICODE',
  'SHORT_BINUNICODE',
  'BINUNICODE8',
])
/** Opcodes that only record or frame what is already on the stack. */
const TRANSPARENT = new Set(['MEMOIZE', 'PUT', 'BINPUT', 'LONG_BINPUT', 'FRAME'])

/** The largest string argument kept in memory (module and attribute names are short). */
const MAX_KEPT_STRING = 1024

export type PickleImport = { module: string; name: string; offset: number; opcode: string }
export type PickleWalk = { imports: PickleImport[]; unresolved: number[]; opcodes: number }

const readUint = (bytes: Buffer) =>
  bytes.length === 1
    ? bytes[0]
    : bytes.length === 2
      ? bytes.readUInt16LE(0)
      : bytes.length === 4
        ? bytes.readUInt32LE(0)
        : Number(bytes.readBigUInt64LE(0))

const unquote = (text: string) => text.replace(/^(['"])(.*)\1$/s, '$2')

type Op = { name: string; value?: string; memoKey?: number | string; offset: number }

/**
 * Walks one pickle from the cursor's position to its STOP. Throws a RangeError when the stream
 * ends early and an Error on an unknown opcode (not a pickle, or a corrupt one).
 */
export function walkPickle(at: Cursor): PickleWalk {
  const imports: PickleImport[] = []
  const unresolved: number[] = []
  const memo = new Map<number | string, string | undefined>()
  const recent: Op[] = []
  let memoCount = 0
  let opcodes = 0
  for (;;) {
    const offset = at.position
    const code = at.byte()
    const entry = OPCODES[code]
    if (!entry) {
      throw new Error(`unknown opcode 0x${code.toString(16)} at byte ${offset}: not a pickle`)
    }
    opcodes++
    const [name, arg] = entry
    const op: Op = { name, offset }
    if (arg.kind === 'fixed') {
      const bytes = at.bytes(arg.bytes)
      if (name.endsWith('GET') || name.endsWith('PUT')) op.memoKey = readUint(bytes)
    } else if (arg.kind === 'line') {
      const text = at.line(1 << 20)
      if (name === 'GET' || name === 'PUT') op.memoKey = Number(text)
      if (STRING_OPS.has(name)) op.value = unquote(text)
    } else if (arg.kind === 'lines2') {
      const moduleName = at.line()
      const attr = at.line()
      imports.push({ module: moduleName, name: attr, offset, opcode: name })
    } else if (arg.kind === 'len') {
      const size = readUint(at.bytes(arg.bytes))
      if (STRING_OPS.has(name) && size <= MAX_KEPT_STRING) {
        op.value = at.bytes(size).toString(name.includes('UNICODE') ? 'utf8' : 'latin1')
      } else {
        at.skip(size)
      }
    }
    if (name === 'STOP') return { imports, unresolved, opcodes }
    // The memo remembers strings, so STACK_GLOBAL's arguments can come from GETs.
    const top = recent.findLast((candidate) => !TRANSPARENT.has(candidate.name))
    if (name === 'MEMOIZE') memo.set(memoCount++, top?.value)
    if (name.endsWith('PUT') && op.memoKey !== undefined) memo.set(op.memoKey, top?.value)
    if (name.endsWith('GET') && op.memoKey !== undefined) op.value = memo.get(op.memoKey)
    if (name === 'STACK_GLOBAL') {
      const args = recent.filter((candidate) => !TRANSPARENT.has(candidate.name)).slice(-2)
      const [moduleOp, nameOp] = args
      if (args.length === 2 && moduleOp.value !== undefined && nameOp.value !== undefined) {
        imports.push({ module: moduleOp.value, name: nameOp.value, offset, opcode: name })
      } else {
        unresolved.push(offset)
      }
    }
    recent.push(op)
    if (recent.length > 16) recent.shift()
  }
}

/** Walks every pickle that follows another (legacy torch files hold several, then raw data). */
export function walkPickles(source: ByteSource, start = 0, end = source.size): PickleWalk {
  const at = cursor(source, start, end)
  const total: PickleWalk = { imports: [], unresolved: [], opcodes: 0 }
  do {
    const walk = walkPickle(at)
    total.imports.push(...walk.imports)
    total.unresolved.push(...walk.unresolved)
    total.opcodes += walk.opcodes
    // Another pickle follows when the next byte opens one (PROTO); otherwise data or the end.
  } while (!at.isAtEnd && source.read(at.position, 1)[0] === 0x80)
  return total
}

/**
 * Imports that execute code or reach the system when unpickled. A module listed with `*` is
 * dangerous whatever is imported from it; otherwise only the names listed.
 */
export const DANGEROUS_IMPORTS: Record<string, '*' | string[]> = {
  os: '*',
  posix: '*',
  nt: '*',
  subprocess: '*',
  sys: '*',
  shutil: '*',
  socket: '*',
  runpy: '*',
  importlib: '*',
  pty: '*',
  commands: '*',
  webbrowser: '*',
  pickle: '*',
  _pickle: '*',
  marshal: '*',
  ctypes: '*',
  code: '*',
  codeop: '*',
  pdb: '*',
  bdb: '*',
  timeit: '*',
  asyncio: '*',
  multiprocessing: '*',
  requests: '*',
  urllib: '*',
  'urllib.request': '*',
  httplib: '*',
  'http.client': '*',
  ftplib: '*',
  telnetlib: '*',
  smtplib: '*',
  platform: '*',
  signal: '*',
  tempfile: '*',
  glob: '*',
  io: '*',
  builtins: [
    'eval',
    'exec',
    'execfile',
    'compile',
    'open',
    'input',
    'getattr',
    'setattr',
    'delattr',
    '__import__',
    'globals',
    'locals',
    'vars',
    'breakpoint',
    'apply',
  ],
  __builtin__: [
    'eval',
    'exec',
    'execfile',
    'compile',
    'open',
    'input',
    'getattr',
    '__import__',
    'apply',
  ],
  operator: ['attrgetter', 'methodcaller', 'itemgetter'],
  functools: ['partial', 'reduce'],
  'numpy.testing._private.utils': ['runstring'],
  'torch.serialization': ['load'],
  'torch._inductor.codecache': '*',
  'torch.hub': '*',
}

/** Imports ordinary model files make (PyTorch, NumPy, scikit-learn …): not reported at all. */
const EXPECTED_MODULE =
  /^(torch(\.|$)|numpy(\.|$)|collections$|_codecs$|sklearn(\.|$)|scipy(\.|$)|joblib(\.|$)|copyreg$|__builtin__$|builtins$|datetime$|pathlib$|__torch__(\.|$))/

export type Finding = { severity: 'dangerous' | 'unknown'; detail: string; offset: number }

/** True when importing `name` from `module` is on the deny list (submodules included). */
export function isDangerousImport(module: string, name: string): boolean {
  const parts = module.split('.')
  for (let i = parts.length; i > 0; i--) {
    const rule = DANGEROUS_IMPORTS[parts.slice(0, i).join('.')]
    if (rule === '*') return true
    if (rule && i === parts.length && rule.includes(name)) return true
  }
  return false
}

/** What a walk found: dangerous imports, and imports outside the usual ML modules. */
export function judgeImports(walk: PickleWalk): Finding[] {
  const findings: Finding[] = walk.unresolved.map((offset) => ({
    severity: 'dangerous' as const,
    detail: 'STACK_GLOBAL whose module and name cannot be resolved',
    offset,
  }))
  for (const found of walk.imports) {
    const detail = `${found.opcode} ${found.module}.${found.name}`
    if (isDangerousImport(found.module, found.name)) {
      findings.push({ severity: 'dangerous', detail, offset: found.offset })
    } else if (!EXPECTED_MODULE.test(found.module)) {
      findings.push({ severity: 'unknown', detail, offset: found.offset })
    }
  }
  return findings
}
