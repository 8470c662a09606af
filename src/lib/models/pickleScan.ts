import type { ByteSource } from './byteSource'
import { cursor, type Cursor } from './byteSource'

/**
 * A pickle opcode walker: reads a pickle stream opcode by opcode (protocols 0 to 5) without
 * executing anything, and collects every import it would perform — GLOBAL and INST name theirs
 * in the stream; STACK_GLOBAL takes its module and name from the strings pushed before it
 * (memoised strings included, the memo kept as Python keeps it). An import whose strings cannot
 * be resolved is reported as dangerous: a scan that cannot tell must not pass. Imports are then
 * judged against an allow-list of what model files need (judgeImports): anything else flags.
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

/**
 * The most opcodes one file may hold (every pickle in it together): a crafted stream of tiny
 * opcodes would otherwise keep the worker's CPU for seconds. Real state dicts need a few dozen
 * per tensor, far below this.
 */
export const MAX_OPCODES = 4_000_000

/** torch.load of a legacy (non-zip) file reads five pickles in a row, then raw storage bytes. */
export const MAX_PICKLES = 5

export type PickleImport = { module: string; name: string; offset: number; opcode: string }
export type PickleWalk = {
  imports: PickleImport[]
  unresolved: number[]
  opcodes: number
  /** Pickles walked to their STOP. */
  pickles: number
  /**
   * Why the walk ended early, when Python's unpickler would fail at the same byte (an unknown
   * opcode, the end of the data, a bad memo key): everything it could have run is above.
   */
  ended?: string
}

/**
 * Python's unpickler fails at this byte too (unknown opcode, data ending mid-argument, a memo
 * key int() refuses): what the walk found before it is everything a load could run.
 */
export class PickleEnd extends Error {}

const readUint = (bytes: Buffer) =>
  bytes.length === 1
    ? bytes[0]
    : bytes.length === 2
      ? bytes.readUInt16LE(0)
      : bytes.length === 4
        ? bytes.readUInt32LE(0)
        : Number(bytes.readBigUInt64LE(0))

const unquote = (text: string) => text.replace(/^(['"])(.*)\1$/s, '$2')

/** A memo key as Python's int() reads PUT and GET's text argument (`0_1`, ` +7 `): canonical. */
function textMemoKey(text: string, offset: number): string {
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(text)
  if (!match) throw new PickleEnd(`memo key ${JSON.stringify(text)} at byte ${offset}`)
  return BigInt(match[1] + match[2].replaceAll('_', '')).toString()
}

type Op = { name: string; value?: string; memoKey?: string; offset: number }

const fresh = (): PickleWalk => ({ imports: [], unresolved: [], opcodes: 0, pickles: 0 })

/** True when `code` is an opcode pickle knows (a byte a pickle may start with). */
export const isPickleOpcode = (code: number | undefined) =>
  code !== undefined && OPCODES[code] !== undefined

/**
 * Walks one pickle from the cursor's position to its STOP, adding what it finds to `into` as it
 * goes (so a walk that ends early keeps what came before). Throws PickleEnd where Python's
 * unpickler would fail as well, and a plain Error where the scanner gives up (the opcode cap, a
 * text argument too long to follow).
 */
export function walkPickle(at: Cursor, into: PickleWalk = fresh()): PickleWalk {
  const { imports, unresolved } = into
  // Python's memo: a dict; PUT writes the key it names, MEMOIZE the key len(memo).
  const memo = new Map<string, string | undefined>()
  const recent: Op[] = []
  const endOfData = <T>(read: () => T): T => {
    try {
      return read()
    } catch (error) {
      if (error instanceof RangeError) throw new PickleEnd(`truncated at byte ${at.position}`)
      throw error
    }
  }
  for (;;) {
    const offset = at.position
    const code = endOfData(() => at.byte())
    const entry = OPCODES[code]
    if (!entry) {
      throw new PickleEnd(`unknown opcode 0x${code.toString(16)} at byte ${offset}: not a pickle`)
    }
    if (++into.opcodes > MAX_OPCODES) {
      throw new Error(`more than ${MAX_OPCODES} opcodes: too large to scan`)
    }
    const [name, arg] = entry
    const op: Op = { name, offset }
    if (arg.kind === 'fixed') {
      const bytes = endOfData(() => at.bytes(arg.bytes))
      if (name.endsWith('GET') || name.endsWith('PUT')) op.memoKey = String(readUint(bytes))
    } else if (arg.kind === 'line') {
      const text = endOfData(() => at.line(1 << 20))
      if (name === 'GET' || name === 'PUT') op.memoKey = textMemoKey(text, offset)
      if (STRING_OPS.has(name)) op.value = unquote(text)
    } else if (arg.kind === 'lines2') {
      const moduleName = endOfData(() => at.line())
      const attr = endOfData(() => at.line())
      imports.push({ module: moduleName, name: attr, offset, opcode: name })
    } else if (arg.kind === 'len') {
      const size = readUint(endOfData(() => at.bytes(arg.bytes)))
      if (STRING_OPS.has(name) && size <= MAX_KEPT_STRING) {
        op.value = endOfData(() => at.bytes(size)).toString(
          name.includes('UNICODE') ? 'utf8' : 'latin1',
        )
      } else {
        endOfData(() => at.skip(size))
      }
    }
    if (name === 'STOP') {
      into.pickles++
      return into
    }
    // The memo remembers strings, so STACK_GLOBAL's arguments can come from GETs.
    const top = recent.findLast((candidate) => !TRANSPARENT.has(candidate.name))
    if (name === 'MEMOIZE') memo.set(String(memo.size), top?.value)
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

/**
 * Walks the pickles of a file the way a loader reads them: the first, then — as legacy
 * torch.load does — the next ones for as long as another begins (any opcode, protocol 0
 * included), at most MAX_PICKLES. A later pickle that breaks off ends the walk (Python fails
 * there too, after running what came before it, which is recorded); in the first it throws.
 */
export function walkPickles(source: ByteSource, start = 0, end = source.size): PickleWalk {
  const at = cursor(source, start, end)
  const total = fresh()
  walkPickle(at, total)
  while (!at.isAtEnd && total.pickles < MAX_PICKLES) {
    if (!isPickleOpcode(source.read(at.position, 1)[0])) break
    try {
      walkPickle(at, total)
    } catch (error) {
      if (!(error instanceof PickleEnd)) throw error
      total.ended = error.message
      break
    }
  }
  return total
}

/**
 * Imports that execute code or reach the system when unpickled: reported as `dangerous` (with
 * the allow-list below, anything not allowed flags anyway; this names the worst). A module listed
 * with `*` is dangerous whatever is imported from it; otherwise only the names listed.
 */
export const DANGEROUS_IMPORTS: Record<string, '*' | string[]> = {
  os: '*',
  posix: '*',
  nt: '*',
  subprocess: '*',
  _posixsubprocess: '*',
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
  cProfile: '*',
  profile: '*',
  pydoc: '*',
  asyncio: '*',
  multiprocessing: '*',
  requests: '*',
  urllib: '*',
  httplib: '*',
  http: '*',
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
  'torch.storage': ['_load_from_bytes'],
  'torch._inductor.codecache': '*',
  'torch.hub': '*',
  'torch.fx': '*',
}

type Allowed = readonly string[] | RegExp

const CLASS_NAME = /^[A-Z][A-Za-z0-9_]*$/
const TORCH_NAMES = new RegExp(
  '^(Size|device|dtype|Tensor|[A-Z][A-Za-z0-9]*Storage|' +
    // dtypes
    '(float|bfloat|int|uint|complex|qint|quint)\\d+(x\\d+)?|float8_e\\w+|' +
    'bool|half|float|double|long|int|short|chalf|cfloat|cdouble|' +
    // layouts, memory formats, quantisation schemes
    'strided|sparse_(coo|csr|csc|bsr|bsc)|_mkldnn|contiguous_format|channels_last(_3d)?|' +
    'preserve_format|per_(tensor|channel)_(affine|symmetric)|per_channel_affine_float_qparams)$',
)

/**
 * What a model file may import — the same ground torch.load(weights_only=True) allows, plus the
 * classes NumPy, scikit-learn, SciPy, joblib and TorchScript archives pickle. An exact module
 * name maps to its allowed names (a list, or a pattern); a module pattern below covers a package's
 * submodules. A dotted name (`os.system` under an allowed module, which protocol 4 resolves
 * attribute by attribute) is never allowed.
 */
const ALLOWED_IMPORTS: Record<string, Allowed> = {
  collections: ['OrderedDict', 'defaultdict', 'Counter', 'deque'],
  _codecs: ['encode'],
  copyreg: ['_reconstructor'],
  copy_reg: ['_reconstructor'],
  builtins: [
    'set',
    'frozenset',
    'slice',
    'complex',
    'bytearray',
    'bytes',
    'dict',
    'list',
    'tuple',
    'int',
    'float',
    'str',
    'bool',
    'range',
    'object',
  ],
  __builtin__: [
    'set',
    'frozenset',
    'slice',
    'complex',
    'bytearray',
    'dict',
    'list',
    'tuple',
    'int',
    'long',
    'float',
    'str',
    'unicode',
    'bool',
    'xrange',
    'object',
  ],
  datetime: ['datetime', 'date', 'time', 'timedelta', 'timezone'],
  pathlib: ['Path', 'PosixPath', 'WindowsPath', 'PurePath', 'PurePosixPath', 'PureWindowsPath'],
  torch: TORCH_NAMES,
  'torch._utils': [
    '_rebuild_tensor',
    '_rebuild_tensor_v2',
    '_rebuild_tensor_v3',
    '_rebuild_parameter',
    '_rebuild_parameter_with_state',
    '_rebuild_qtensor',
    '_rebuild_sparse_tensor',
    '_rebuild_meta_tensor_no_storage',
    '_rebuild_nested_tensor',
    '_rebuild_wrapper_subclass',
    '_rebuild_device_tensor_from_cpu_tensor',
    '_rebuild_device_tensor_from_numpy',
  ],
  'torch._tensor': ['_rebuild_from_type_v2'],
  'torch.storage': ['UntypedStorage', 'TypedStorage'],
  'torch.serialization': ['_get_layout'],
  'torch.nn.parameter': ['Parameter', 'Buffer', 'UninitializedParameter'],
  'torch.jit._pickle': /^(build_[a-z]+list|build_tensor_from_id|restore_type_tag)$/,
  numpy: new RegExp(
    '^(ndarray|dtype|(u?int|float|complex)\\d+|bool_|str_|bytes_|void|half|single|double|' +
      'longlong|ulonglong|intc|uintc)$',
  ),
  'numpy.core.multiarray': ['_reconstruct', 'scalar'],
  'numpy._core.multiarray': ['_reconstruct', 'scalar'],
  'numpy.core.numeric': ['_frombuffer'],
  'numpy._core.numeric': ['_frombuffer'],
  'numpy.dtypes': /^[A-Z][A-Za-z0-9]*DType$/,
  'joblib.numpy_pickle': ['NumpyArrayWrapper', 'NDArrayWrapper'],
}

/** Packages whose submodules may be imported from, and the names allowed there. */
const ALLOWED_PACKAGES: [RegExp, RegExp][] = [
  [/^torch\.nn\.modules(\.[a-z0-9_]+)*$/, CLASS_NAME],
  // scikit-learn estimators and their Cython state (`__pyx_unpickle_Tree`).
  [/^sklearn(\.[A-Za-z0-9_]+)+$/, /^([A-Z][A-Za-z0-9_]*|__pyx_unpickle_[A-Za-z0-9_]+)$/],
  [/^scipy\.sparse(\.[a-z0-9_]+)*$/, CLASS_NAME],
  // TorchScript archives name their own classes; the C++ loader resolves them, not Python.
  [/^__torch__(\.[A-Za-z0-9_]+)*$/, /^[A-Za-z_][A-Za-z0-9_]*$/],
]

const allows = (rule: Allowed, name: string) =>
  rule instanceof RegExp ? rule.test(name) : rule.includes(name)

/** True when a model file may import `name` from `module` (the allow-list above). */
export function isAllowedImport(module: string, name: string): boolean {
  if (name.includes('.')) return false
  const rule = Object.hasOwn(ALLOWED_IMPORTS, module) ? ALLOWED_IMPORTS[module] : undefined
  if (rule) return allows(rule, name) && !isDangerousImport(module, name)
  return ALLOWED_PACKAGES.some(
    ([modules, names]) =>
      modules.test(module) && names.test(name) && !isDangerousImport(module, name),
  )
}

export type Finding = { severity: 'dangerous' | 'unknown'; detail: string; offset: number }

/**
 * True when importing `name` from `module` is on the deny list, judged on the whole dotted path
 * and every attribute chain in it (`pathlib` + `os.system` reaches os.system through pathlib.os).
 */
export function isDangerousImport(module: string, name: string): boolean {
  const parts = `${module}.${name}`.split('.')
  for (let from = 0; from < parts.length - 1; from++) {
    for (let i = parts.length - 1; i > from; i--) {
      const path = parts.slice(from, i).join('.')
      const rule = Object.hasOwn(DANGEROUS_IMPORTS, path) ? DANGEROUS_IMPORTS[path] : undefined
      if (rule === '*') return true
      if (rule && rule.includes(parts[i])) return true
    }
  }
  return false
}

/**
 * What a walk found: every import not on the allow-list is a finding (`dangerous` when the
 * deny list names it, `unknown` otherwise); either flags the file.
 */
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
    } else if (!isAllowedImport(found.module, found.name)) {
      findings.push({
        severity: 'unknown',
        detail: `${detail} (not on the model allow-list)`,
        offset: found.offset,
      })
    }
  }
  return findings
}
