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
