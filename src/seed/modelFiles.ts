/**
 * Small but real model files for the demo seed: valid safetensors and ONNX (they pass the
 * safety scan on their merits), a JSON config, a README and a one-second WAV sample.
 */

/** A safetensors file of one F32 tensor of `count` values (deterministic contents). */
export function safetensorsFile(count = 256, name = 'classifier.weight'): Buffer {
  const json = Buffer.from(
    JSON.stringify({
      __metadata__: { format: 'pt' },
      [name]: { dtype: 'F32', shape: [count], data_offsets: [0, count * 4] },
    }),
  )
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(json.length))
  const data = Buffer.alloc(count * 4)
  for (let i = 0; i < count; i++) data.writeFloatLE(Math.sin(i) / 10, i * 4)
  return Buffer.concat([length, json, data])
}

/** A minimal ONNX ModelProto: ir_version 8, a producer, an empty graph, opset 17. */
export function onnxFile(producer = 'tunetrail'): Buffer {
  const name = Buffer.from(producer)
  const graph = Buffer.from([0x12, 0x01, 0x67])
  const opset = Buffer.from([0x10, 0x11])
  return Buffer.concat([
    Buffer.from([0x08, 0x08, 0x12, name.length]),
    name,
    Buffer.from([0x3a, graph.length]),
    graph,
    Buffer.from([0x42, opset.length]),
    opset,
  ])
}

/** A mono 16-bit WAV of a tone: `seconds` long at `rate` Hz. */
export function wavFile(seconds = 1, rate = 16_000, frequency = 440): Buffer {
  const samples = Math.round(seconds * rate)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + samples * 2, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(rate, 24)
  header.writeUInt32LE(rate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(samples * 2, 40)
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / 800, (samples - i) / 800)
    data.writeInt16LE(
      Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 8000 * envelope),
      i * 2,
    )
  }
  return Buffer.concat([header, data])
}
