import { describe, expect, it } from 'vitest'

import { bufferSource } from '@/lib/models/byteSource'
import { judgeImports, walkPickles } from '@/lib/models/pickleScan'
import { scanSource } from '@/lib/models/scan'

import {
  benignGlobalPickle,
  benignTorchPickle,
  maliciousGlobalPickle,
  maliciousStackGlobalPickle,
  onnxModel,
  safetensors,
  storedZip,
} from '../helpers/pickles'

const scan = (bytes: Buffer, name: string) => scanSource(bufferSource(bytes), name)

describe('the pickle opcode walker', () => {
  it('reads the imports a pickle performs, GLOBAL and STACK_GLOBAL through the memo', () => {
    expect(walkPickles(bufferSource(maliciousGlobalPickle())).imports).toMatchObject([
      { module: 'os', name: 'system', opcode: 'GLOBAL' },
    ])
    expect(walkPickles(bufferSource(maliciousStackGlobalPickle())).imports).toMatchObject([
      { module: 'builtins', name: 'eval', opcode: 'STACK_GLOBAL' },
    ])
  })

  it('passes a benign state dict and reports nothing for torch and collections imports', () => {
    const walk = walkPickles(bufferSource(benignTorchPickle()))
    expect(walk.imports.map((i) => `${i.module}.${i.name}`)).toEqual([
      'collections.OrderedDict',
      'torch._utils._rebuild_tensor_v2',
      'collections.OrderedDict',
    ])
    expect(judgeImports(walk)).toEqual([])
  })

  it('flags a pickle that calls os.system or builtins.eval, whatever the file is called', () => {
    for (const name of ['model.pt', 'weights.pkl', 'pytorch_model.bin', 'model.ckpt']) {
      const result = scan(maliciousGlobalPickle(), name)
      expect(result.status).toBe('flagged')
      expect(result.findings[0].detail).toBe('GLOBAL os.system')
    }
    const hidden = scan(maliciousStackGlobalPickle(), 'model.pth')
    expect(hidden).toMatchObject({ status: 'flagged', format: 'pickle' })
    expect(hidden.findings[0].detail).toBe('STACK_GLOBAL builtins.eval')
    expect(scan(benignGlobalPickle(), 'model.pkl')).toMatchObject({ status: 'clean', findings: [] })
  })

  it('flags a STACK_GLOBAL whose module it cannot resolve (fail closed)', () => {
    // The module name comes from a memo slot never written.
    const bytes = Buffer.from([0x80, 0x04, 0x68, 0x07, 0x68, 0x08, 0x93, 0x2e])
    const result = scan(bytes, 'model.pkl')
    expect(result.status).toBe('flagged')
    expect(result.findings[0].detail).toMatch(/cannot be resolved/)
  })

  it('scans data.pkl inside a torch zip, passing the benign one and flagging the malicious', () => {
    const benign = storedZip({
      'model/data.pkl': benignTorchPickle(),
      'model/data/0': Buffer.alloc(16),
      'model/version': Buffer.from('3\n'),
    })
    expect(scan(benign, 'model.pt')).toMatchObject({ status: 'clean', format: 'torch-zip' })
    const evil = storedZip({ 'archive/data.pkl': maliciousGlobalPickle() })
    const result = scan(evil, 'model.pt')
    expect(result).toMatchObject({ status: 'flagged', format: 'torch-zip' })
    expect(result.findings[0].detail).toBe('archive/data.pkl: GLOBAL os.system')
  })

  it('flags bytes that are no pickle at all in a pickle-typed file', () => {
    expect(scan(Buffer.from('\x80\x02\xff garbage'), 'model.pkl').status).toBe('flagged')
    expect(scan(Buffer.from([0x80, 0x02, 0x4e]), 'model.pkl').findings[0].detail).toMatch(
      /truncated/,
    )
  })

  it('passes valid safetensors and ONNX, and flags files that only claim to be', () => {
    expect(scan(safetensors(), 'model.safetensors')).toMatchObject({ status: 'clean' })
    const lying = safetensors(4, { w: { dtype: 'F32', shape: [100], data_offsets: [0, 400] } })
    expect(scan(lying, 'model.safetensors').findings[0].detail).toMatch(/data_offsets/)
    expect(scan(maliciousGlobalPickle(), 'model.safetensors').status).toBe('flagged')
    expect(scan(onnxModel(), 'model.onnx')).toMatchObject({ status: 'clean', format: 'onnx' })
    expect(scan(maliciousGlobalPickle(), 'model.onnx').status).toBe('flagged')
  })
})

/** The review's five bypasses (reproduced with Python's pickle), as byte literals. */
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string'
        ? Buffer.from(part, 'latin1')
        : Buffer.isBuffer(part)
          ? part
          : Buffer.from(part),
    ),
  )
const su = (text: string) => bytes([0x8c, text.length], text)
const protocol0System = "cos\nsystem\n(S'touch /tmp/pwned'\ntR."

describe('the pickle scan, against the known bypasses', () => {
  it('walks a .bin that starts with any opcode: a protocol-0 pickle (torch.load unpickles it)', () => {
    const result = scan(bytes(protocol0System), 'pytorch_model.bin')
    expect(result).toMatchObject({ status: 'flagged', format: 'pickle' })
    expect(result.findings[0]).toMatchObject({ severity: 'dangerous', detail: 'GLOBAL os.system' })
    // A benign protocol-0 dict in a .bin stays clean, and raw tensor bytes are data.
    expect(scan(bytes("(dp0\nS'epochs'\np1\nI12\ns."), 'config.bin')).toMatchObject({
      status: 'clean',
      format: 'pickle',
    })
    expect(scan(Buffer.from(new Float32Array([0.5, 1, 2]).buffer), 'w.bin')).toMatchObject({
      status: 'clean',
      format: 'binary',
    })
    // Raw data that happens to begin with an opcode: Python's unpickler fails where the walk
    // does, so only what came before it counts.
    expect(scan(bytes([0x4e, 0x00, 0x00, 0x80]), 'w.bin').status).toBe('clean')
    expect(scan(bytes(protocol0System.slice(0, -2), [0xff]), 'w.bin').status).toBe('flagged')
  })

  it('flags imports off the allow-list (cProfile.run, profile.run, pydoc.pipepager, _posixsubprocess)', () => {
    const pickle2 = (module: string, name: string) =>
      bytes([0x80, 0x02], `c${module}\n${name}\n`, 'q\x00', 'X', [3, 0, 0, 0], 'x=1', [0x85], 'R.')
    for (const [module, name] of [
      ['cProfile', 'run'],
      ['profile', 'run'],
      ['pydoc', 'pipepager'],
      ['_posixsubprocess', 'fork_exec'],
      ['some_unknown_module', 'helper'],
      ['torch.fx.graph_module', 'reduce_graph_module'],
      ['torch', 'load'],
    ]) {
      const result = scan(pickle2(module, name), 'model.pt')
      expect(result.status, `${module}.${name}`).toBe('flagged')
      expect(result.findings[0].detail).toContain(`GLOBAL ${module}.${name}`)
    }
    expect(scan(pickle2('some_unknown_module', 'helper'), 'model.pt').findings[0]).toMatchObject({
      severity: 'unknown',
    })
  })

  it('keeps the memo as Python does: MEMOIZE writes key len(memo), overwriting a BINPUT', () => {
    const p3 = bytes(
      [0x80, 0x04],
      su('torch'),
      'q\x01', // memo[1] = 'torch'
      su('os'),
      [0x94], // MEMOIZE: memo[len(memo)] = memo[1] = 'os'
      '00', // POP POP
      'h\x01', // BINGET 1 → 'os'
      su('system'),
      [0x93],
      su('touch /tmp/pwned'),
      [0x85],
      'R.',
    )
    const result = scan(p3, 'model.pt')
    expect(result.status).toBe('flagged')
    expect(result.findings[0]).toMatchObject({
      severity: 'dangerous',
      detail: 'STACK_GLOBAL os.system',
    })
    // PUT's text key is read as int() reads it: `1_0` is slot 10.
    const underscored = bytes(
      [0x80, 0x02],
      su('torch'),
      'p10\n',
      su('os'),
      'p1_0\n',
      '00',
      'g10\n',
      su('system'),
      [0x93],
      'N',
      'R.',
    )
    expect(scan(underscored, 'model.pt').findings[0].detail).toBe('STACK_GLOBAL os.system')
  })

  it('judges a dotted name as its whole path (pathlib + os.system is os.system)', () => {
    const p4 = bytes(
      [0x80, 0x04],
      su('pathlib'),
      su('os.system'),
      [0x93],
      su('touch /tmp/pwned'),
      [0x85],
      'R.',
    )
    const result = scan(p4, 'model.pt')
    expect(result.status).toBe('flagged')
    expect(result.findings[0]).toMatchObject({
      severity: 'dangerous',
      detail: 'STACK_GLOBAL pathlib.os.system',
    })
    const harmless = bytes([0x80, 0x04], su('torch'), su('nn.Module'), [0x93], '.')
    expect(scan(harmless, 'model.pt').status).toBe('flagged')
  })

  it('walks every pickle a legacy torch.load reads, protocol 0 after protocol 2 included', () => {
    const magic = bytes(
      [0x80, 0x02, 0x8a, 0x0a],
      [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19],
      '.',
    )
    const result = scan(Buffer.concat([magic, bytes(protocol0System)]), 'model.pt')
    expect(result.status).toBe('flagged')
    expect(result.findings[0].detail).toBe('GLOBAL os.system')
    // A legacy file: five benign pickles, then raw storage bytes the loader never unpickles.
    const legacy = Buffer.concat([
      magic,
      magic,
      magic,
      benignTorchPickle(),
      magic,
      bytes('c', [0, 0, 0, 0, 0, 0, 0], 'garbage'),
    ])
    expect(scan(legacy, 'model.pt')).toMatchObject({ status: 'clean', findings: [] })
  })

  it('flags a deflated data.pkl that inflates beyond the cap, and a stream of too many opcodes', () => {
    const big = storedZip({ 'model/data.pkl': benignTorchPickle() }, { deflate: true })
    expect(scan(big, 'model.pt')).toMatchObject({ status: 'clean', format: 'torch-zip' })
    const bomb = storedZip(
      { 'model/data.pkl': Buffer.concat([benignTorchPickle(), Buffer.alloc(4 * 1024 * 1024)]) },
      { deflate: true },
    )
    expect(bomb.length).toBeLessThan(64 * 1024)
    const result = scanSource(bufferSource(bomb), 'model.pt', { maxInflatedBytes: 1024 * 1024 })
    expect(result.status).toBe('flagged')
    expect(result.findings[0].detail).toMatch(/inflates beyond 1048576 bytes/)
    // NONE POP, over and over: cheap bytes, each an opcode.
    const many = Buffer.concat([
      bytes([0x80, 0x02]),
      Buffer.from('N0'.repeat(2_100_000)),
      bytes('.'),
    ])
    const capped = scan(many, 'model.pkl')
    expect(capped.status).toBe('flagged')
    expect(capped.findings[0].detail).toMatch(/more than 4000000 opcodes/)
  })
})
