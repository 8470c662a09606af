import { deflateRawSync } from 'node:zlib'

import { safetensorsFile } from '@/seed/modelFiles'

/**
 * Pickle bytes built by hand, opcode by opcode (what Python's pickle would write), so the scan
 * tests need no Python: benign model files and crafted malicious ones.
 */
const b = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part as number[]),
    ),
  )

const shortUnicode = (text: string) => b([0x8c, text.length], text)

/** `collections.OrderedDict()` at protocol 2 (GLOBAL): a state dict's shell. */
export const benignGlobalPickle = () =>
  b([0x80, 0x02], 'ccollections\nOrderedDict\n', 'q\x00', ')', 'R', 'q\x01', '.')

/** `os.system('id')` at protocol 2: GLOBAL os system, a tuple, REDUCE. */
export const maliciousGlobalPickle = () =>
  b([0x80, 0x02], 'cos\nsystem\n', 'q\x00', 'X', [2, 0, 0, 0], 'id', [0x85], 'R', '.')

/** A protocol 4 pickle with STACK_GLOBAL whose strings are memoised first (MEMOIZE, BINGET). */
export const maliciousStackGlobalPickle = () =>
  b(
    [0x80, 0x04],
    shortUnicode('builtins'),
    [0x94],
    shortUnicode('eval'),
    [0x94],
    // Fetch both strings back from the memo, as an obfuscated pickle might.
    [0x68, 0x00],
    [0x68, 0x01],
    [0x93],
    [0x94],
    shortUnicode('print(1)'),
    [0x85],
    'R',
    '.',
  )

/** A torch-like protocol 2 pickle: an OrderedDict of one tensor rebuilt by torch._utils. */
export const benignTorchPickle = () =>
  b(
    [0x80, 0x02],
    'ccollections\nOrderedDict\n',
    ')',
    'R',
    'q\x00',
    shortUnicode('weight'),
    'ctorch._utils\n_rebuild_tensor_v2\n',
    '(',
    'X',
    [1, 0, 0, 0],
    '0',
    'K',
    [0],
    'K',
    [4],
    [0x85],
    'K',
    [1],
    [0x85],
    [0x89],
    'ccollections\nOrderedDict\n',
    ')',
    'R',
    't',
    'R',
    's',
    '.',
  )

/** A zip archive with stored (uncompressed) entries, as torch.save writes them (or deflated). */
export function storedZip(entries: Record<string, Buffer>, { deflate = false } = {}): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, raw] of Object.entries(entries)) {
    const data = deflate ? deflateRawSync(raw) : raw
    const method = deflate ? 8 : 0
    const nameBytes = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(raw.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** A safetensors file of one F32 tensor of `count` values, or with the header given. */
export function safetensors(count = 4, header?: Record<string, unknown>): Buffer {
  if (!header) return safetensorsFile(count, 'weight')
  const json = Buffer.from(JSON.stringify(header))
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(json.length))
  return Buffer.concat([length, json, Buffer.alloc(count * 4)])
}

export { onnxFile as onnxModel } from '@/seed/modelFiles'
