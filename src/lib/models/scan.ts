import { inflateRawSync } from 'node:zlib'

import { bufferSource, cursor, type ByteSource } from './byteSource'
import { extensionOf, FILE_TYPES } from './constants'
import {
  isPickleOpcode,
  judgeImports,
  PickleEnd,
  walkPickle,
  walkPickles,
  type Finding,
  type PickleWalk,
} from './pickleScan'

export type ScanResult = {
  status: 'clean' | 'flagged'
  format: string
  findings: Finding[]
}

const flagged = (format: string, detail: string): ScanResult => ({
  status: 'flagged',
  format,
  findings: [{ severity: 'dangerous', detail, offset: 0 }],
})

/** Any finding flags: an import off the allow-list is as held as a known-dangerous one. */
const fromFindings = (format: string, findings: Finding[]): ScanResult => ({
  status: findings.length ? 'flagged' : 'clean',
  format,
  findings,
})

const isZip = (source: ByteSource) => source.read(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))

type ZipEntry = { name: string; method: number; compressed: number; localOffset: number }

/** The central directory of a zip (zip64 included), as torch.save writes it. */
export function zipEntries(source: ByteSource): ZipEntry[] {
  const tailLength = Math.min(source.size, 65_557)
  const tail = source.read(source.size - tailLength, tailLength)
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('zip without an end of central directory')
  let count = tail.readUInt16LE(eocd + 10)
  let directory = tail.readUInt32LE(eocd + 16)
  if (directory === 0xffffffff || count === 0xffff) {
    const locator = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))
    if (locator < 0) throw new Error('zip64 without its locator')
    const record = source.read(Number(tail.readBigUInt64LE(locator + 8)), 56)
    count = Number(record.readBigUInt64LE(32))
    directory = Number(record.readBigUInt64LE(48))
  }
  const entries: ZipEntry[] = []
  const at = cursor(source, directory)
  for (let i = 0; i < count && i < 100_000; i++) {
    const header = at.bytes(46)
    if (header.readUInt32LE(0) !== 0x02014b50) throw new Error('corrupt zip directory')
    const nameLength = header.readUInt16LE(28)
    const extraLength = header.readUInt16LE(30)
    const commentLength = header.readUInt16LE(32)
    const name = at.bytes(nameLength).toString('utf8')
    const extra = at.bytes(extraLength)
    at.skip(commentLength)
    let compressed = header.readUInt32LE(20)
    let uncompressed = header.readUInt32LE(24)
    let localOffset = header.readUInt32LE(42)
    // Zip64 extended information: the 0xffffffff fields, in order, 8 bytes each.
    for (let p = 0; p + 4 <= extra.length;) {
      const id = extra.readUInt16LE(p)
      const size = extra.readUInt16LE(p + 2)
      if (id === 0x0001) {
        let q = p + 4
        if (uncompressed === 0xffffffff) {
          uncompressed = Number(extra.readBigUInt64LE(q))
          q += 8
        }
        if (compressed === 0xffffffff) {
          compressed = Number(extra.readBigUInt64LE(q))
          q += 8
        }
        if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(q))
      }
      p += 4 + size
    }
    entries.push({ name, method: header.readUInt16LE(10), compressed, localOffset })
  }
  return entries
}

/** The most bytes one deflated zip entry may inflate to (a zip bomb is flagged, not inflated). */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024

export type ScanOptions = { maxInflatedBytes?: number }

/** The bytes of one entry: a window of the file when stored, inflated when deflated. */
function entrySource(
  source: ByteSource,
  entry: ZipEntry,
  maxInflated: number,
): { source: ByteSource; start: number; end: number } {
  const local = source.read(entry.localOffset, 30)
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`corrupt zip entry ${entry.name}`)
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
  if (entry.method === 0) return { source, start, end: start + entry.compressed }
  if (entry.method === 8 && entry.compressed <= 256 * 1024 * 1024) {
    let inflated: Buffer
    try {
      inflated = inflateRawSync(source.read(start, entry.compressed), {
        maxOutputLength: maxInflated,
      })
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new Error(`zip entry ${entry.name} inflates beyond ${maxInflated} bytes`)
      }
      throw error
    }
    return { source: bufferSource(inflated), start: 0, end: inflated.length }
  }
  throw new Error(`zip entry ${entry.name} uses compression method ${entry.method}`)
}

/** A torch zip (or any zip of pickles): every `.pkl` inside is walked. */
function scanZip(source: ByteSource, maxInflated: number): ScanResult {
  const pickles = zipEntries(source).filter((entry) => /(^|\/)[^/]*\.pkl$/.test(entry.name))
  const findings: Finding[] = []
  for (const entry of pickles) {
    const { source: bytes, start, end } = entrySource(source, entry, maxInflated)
    for (const finding of judgeImports(walkPickles(bytes, start, end))) {
      findings.push({ ...finding, detail: `${entry.name}: ${finding.detail}` })
    }
  }
  return fromFindings(pickles.length ? 'torch-zip' : 'zip', findings)
}

const SAFETENSORS_DTYPES: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
}

/** safetensors: an 8-byte header length, a JSON header, then exactly the tensors it describes. */
export function validateSafetensors(source: ByteSource): string | null {
  if (source.size < 8) return 'shorter than its header length'
  const headerLength = Number(source.read(0, 8).readBigUInt64LE(0))
  if (headerLength > 100_000_000 || 8 + headerLength > source.size)
    return 'header length out of range'
  let header: Record<string, unknown>
  try {
    header = JSON.parse(source.read(8, headerLength).toString('utf8')) as Record<string, unknown>
  } catch {
    return 'header is not JSON'
  }
  if (!header || typeof header !== 'object' || Array.isArray(header))
    return 'header is not an object'
  const dataLength = source.size - 8 - headerLength
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue
    const tensor = value as { dtype?: string; shape?: unknown; data_offsets?: unknown }
    const width = SAFETENSORS_DTYPES[tensor?.dtype ?? '']
    if (!width) return `tensor ${name}: unknown dtype`
    const shape = tensor.shape
    const offsets = tensor.data_offsets
    if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0)) {
      return `tensor ${name}: bad shape`
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isInteger)) {
      return `tensor ${name}: bad data_offsets`
    }
    const [begin, end] = offsets as [number, number]
    const elements = (shape as number[]).reduce((a, b) => a * b, 1)
    if (begin < 0 || end < begin || end > dataLength || end - begin !== elements * width) {
      return `tensor ${name}: data_offsets do not match its shape and the file`
    }
  }
  return null
}

const ONNX_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 21, 25])

/** ONNX: a ModelProto — a protobuf message with an ir_version and a graph, and nothing else. */
export function validateOnnx(source: ByteSource): string | null {
  const at = cursor(source)
  const varint = () => {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = at.byte()
      result |= BigInt(byte & 0x7f) << shift
      if (!(byte & 0x80)) return result
    }
    throw new Error('varint too long')
  }
  const seen = new Set<number>()
  try {
    while (!at.isAtEnd) {
      const tag = Number(varint())
      const field = tag >>> 3
      const wire = tag & 7
      if (!ONNX_FIELDS.has(field)) return `unexpected field ${field} in ModelProto`
      if (wire === 0) varint()
      else if (wire === 2) at.skip(Number(varint()))
      else return `unexpected wire type ${wire} for field ${field}`
      seen.add(field)
    }
  } catch (error) {
    return `not a protobuf message (${(error as Error).message})`
  }
  if (!seen.has(1)) return 'no ir_version'
  if (!seen.has(7)) return 'no graph'
  return null
}

/**
 * `.bin` may be raw tensors rather than a pickle, but torch.load unpickles any file that is not a
 * zip (protocol 0 included: `cos\nsystem\n…`). So it is walked as a pickle whenever its first
 * byte is an opcode; where Python's unpickler would fail too (raw data), what came before is
 * judged — that is all a load could run.
 */
function scanBin(source: ByteSource): ScanResult {
  if (source.size === 0 || !isPickleOpcode(source.read(0, 1)[0])) return fromFindings('binary', [])
  let walk: PickleWalk
  try {
    walk = walkPickles(source)
  } catch (error) {
    if (!(error instanceof PickleEnd)) throw error
    // The first pickle broke off: walk it again for what it held before the break.
    walk = { imports: [], unresolved: [], opcodes: 0, pickles: 0 }
    try {
      walkPickle(cursor(source), walk)
    } catch (again) {
      if (!(again instanceof PickleEnd)) throw again
    }
    return fromFindings(walk.imports.length ? 'pickle' : 'binary', judgeImports(walk))
  }
  return fromFindings('pickle', judgeImports(walk))
}

/**
 * Scans a model file by what its bytes are, not what it is called: pickles (and zips of
 * pickles) have every import checked; safetensors and ONNX must be what they claim; other
 * allowed types are data that nothing executes on load.
 */
export function scanSource(
  source: ByteSource,
  filename: string,
  options: ScanOptions = {},
): ScanResult {
  const extension = extensionOf(filename)
  try {
    if (extension === '.safetensors') {
      const problem = validateSafetensors(source)
      return problem
        ? flagged('safetensors', `invalid safetensors: ${problem}`)
        : fromFindings('safetensors', [])
    }
    if (extension === '.onnx') {
      const problem = validateOnnx(source)
      return problem ? flagged('onnx', `invalid ONNX: ${problem}`) : fromFindings('onnx', [])
    }
    if (isZip(source) && (FILE_TYPES[extension]?.isPickle || extension === '.zip')) {
      return scanZip(source, options.maxInflatedBytes ?? MAX_INFLATED_BYTES)
    }
    if (FILE_TYPES[extension]?.isPickle) {
      if (extension === '.bin') return scanBin(source)
      return fromFindings('pickle', judgeImports(walkPickles(source)))
    }
    return fromFindings('data', [])
  } catch (error) {
    return flagged(
      'unreadable',
      `could not be read as ${extension || 'its type'}: ${(error as Error).message}`,
    )
  }
}
