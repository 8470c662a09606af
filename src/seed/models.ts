import { createHash } from 'node:crypto'

import type { Payload } from 'payload'

import { db } from '@/lib/db'
import type { FileKind, Framework, ModelTask } from '@/lib/models/constants'
import { bufferSource } from '@/lib/models/byteSource'
import { scanSource } from '@/lib/models/scan'
import { newStorageKey, putObject } from '@/lib/models/storage'
import type { MlModel } from '@/payload-types'

import { onnxFile, safetensorsFile, wavFile } from './modelFiles'

type Owner = 'maya' | 'leo' | 'groove-labs'

type SeedModel = {
  owner: Owner
  slug: string
  name: string
  summary: string
  task: ModelTask
  framework: Framework
  license: MlModel['license']
  tags: string[]
  sampleRate: number
  metrics: [name: string, value: number, dataset: string][]
  training: { dataset: string; hours: number; hardware: string; epochs: number }
  weights: 'safetensors' | 'onnx'
  hasSample?: boolean
  baseOf?: string
  visibility?: MlModel['visibility']
  downloadsPerDay: number
}

/** Twelve-plus demo models across the tasks, with metrics, files and lineage (forks). */
const MODELS: SeedModel[] = [
  {
    owner: 'maya',
    slug: 'genre-cnn',
    name: 'Genre CNN',
    summary: 'A compact mel-spectrogram CNN that classifies 30 s clips into 10 genres.',
    task: 'genre-classification',
    framework: 'pytorch',
    license: 'MIT',
    tags: ['genre', 'cnn', 'gtzan'],
    sampleRate: 22050,
    metrics: [
      ['accuracy', 0.912, 'GTZAN'],
      ['f1', 0.887, 'GTZAN'],
    ],
    training: {
      dataset: 'GTZAN (fault-filtered split)',
      hours: 3.2,
      hardware: '1× RTX 4090',
      epochs: 60,
    },
    weights: 'safetensors',
    hasSample: true,
    downloadsPerDay: 40,
  },
  {
    owner: 'leo',
    slug: 'genre-cnn-lofi',
    name: 'Genre CNN (lo-fi fine-tune)',
    summary: 'Genre CNN fine-tuned to tell lo-fi, chillhop and jazzhop apart.',
    task: 'genre-classification',
    framework: 'pytorch',
    license: 'MIT',
    tags: ['genre', 'lo-fi', 'fine-tune'],
    sampleRate: 22050,
    metrics: [['accuracy', 0.874, 'LoFi-3k']],
    training: { dataset: 'LoFi-3k (community)', hours: 0.8, hardware: '1× RTX 3080', epochs: 15 },
    weights: 'safetensors',
    baseOf: 'maya/genre-cnn',
    downloadsPerDay: 8,
  },
  {
    owner: 'groove-labs',
    slug: 'auto-tagger-v2',
    name: 'Auto-tagger v2',
    summary: 'Multi-label tagging of mood, instruments and era from 10 s windows.',
    task: 'tagging',
    framework: 'onnx',
    license: 'Apache-2.0',
    tags: ['tagging', 'mood', 'instruments'],
    sampleRate: 16000,
    metrics: [
      ['roc-auc', 0.921, 'MagnaTagATune'],
      ['pr-auc', 0.463, 'MagnaTagATune'],
    ],
    training: { dataset: 'MagnaTagATune + in-house', hours: 14, hardware: '4× A100', epochs: 40 },
    weights: 'onnx',
    hasSample: true,
    downloadsPerDay: 65,
  },
  {
    owner: 'groove-labs',
    slug: 'auto-tagger-v2-int8',
    name: 'Auto-tagger v2 (int8)',
    summary: 'Auto-tagger v2 quantised to int8 for CPU inference at 4× the speed.',
    task: 'tagging',
    framework: 'onnx',
    license: 'Apache-2.0',
    tags: ['tagging', 'quantized', 'cpu'],
    sampleRate: 16000,
    metrics: [['roc-auc', 0.915, 'MagnaTagATune']],
    training: { dataset: 'calibration: 2k clips', hours: 0.2, hardware: 'CPU', epochs: 1 },
    weights: 'onnx',
    baseOf: 'groove-labs/auto-tagger-v2',
    downloadsPerDay: 22,
  },
  {
    owner: 'maya',
    slug: 'track2vec',
    name: 'Track2Vec embeddings',
    summary: '256-d track embeddings for similarity search and recommendation.',
    task: 'embedding',
    framework: 'pytorch',
    license: 'Apache-2.0',
    tags: ['embedding', 'similarity', 'contrastive'],
    sampleRate: 16000,
    metrics: [
      ['recall@10', 0.684, 'FMA-medium'],
      ['map', 0.412, 'FMA-medium'],
    ],
    training: {
      dataset: 'FMA-full (contrastive pairs)',
      hours: 22,
      hardware: '8× A100',
      epochs: 100,
    },
    weights: 'safetensors',
    downloadsPerDay: 55,
  },
  {
    owner: 'leo',
    slug: 'session-recs',
    name: 'Session recommender',
    summary: 'A GRU over listening sessions that ranks the next tracks.',
    task: 'recommendation',
    framework: 'pytorch',
    license: 'MIT',
    tags: ['recommendation', 'sessions', 'gru'],
    sampleRate: 16000,
    metrics: [
      ['ndcg@10', 0.318, 'TuneTrail-sessions'],
      ['hit@10', 0.521, 'TuneTrail-sessions'],
    ],
    training: {
      dataset: 'TuneTrail sessions (anonymised)',
      hours: 6,
      hardware: '2× L4',
      epochs: 25,
    },
    weights: 'safetensors',
    downloadsPerDay: 14,
  },
  {
    owner: 'groove-labs',
    slug: 'stem-splitter',
    name: 'Stem splitter 4',
    summary: 'Separates vocals, drums, bass and other from a stereo mix.',
    task: 'source-separation',
    framework: 'pytorch',
    license: 'CC-BY-NC-4.0',
    tags: ['separation', 'stems', 'drums', 'vocals'],
    sampleRate: 44100,
    metrics: [['sdr', 7.9, 'MUSDB18-HQ']],
    training: { dataset: 'MUSDB18-HQ + augmentation', hours: 96, hardware: '8× A100', epochs: 360 },
    weights: 'safetensors',
    hasSample: true,
    downloadsPerDay: 90,
  },
  {
    owner: 'maya',
    slug: 'drum-separator',
    name: 'Drum separator',
    summary: 'Splits a drum bus into kick, snare, hats and toms.',
    task: 'source-separation',
    framework: 'pytorch',
    license: 'MIT',
    tags: ['separation', 'drums'],
    sampleRate: 44100,
    metrics: [['sdr', 9.4, 'StemGMD']],
    training: { dataset: 'StemGMD', hours: 18, hardware: '2× A100', epochs: 120 },
    weights: 'safetensors',
    baseOf: 'groove-labs/stem-splitter',
    downloadsPerDay: 18,
  },
  {
    owner: 'leo',
    slug: 'piano-transcriber',
    name: 'Piano transcriber',
    summary: 'Piano audio to MIDI notes with onsets, offsets and velocity.',
    task: 'transcription',
    framework: 'onnx',
    license: 'Apache-2.0',
    tags: ['transcription', 'piano', 'midi'],
    sampleRate: 16000,
    metrics: [
      ['note-f1', 0.941, 'MAESTRO v3'],
      ['onset-f1', 0.962, 'MAESTRO v3'],
    ],
    training: { dataset: 'MAESTRO v3', hours: 40, hardware: '4× V100', epochs: 50 },
    weights: 'onnx',
    downloadsPerDay: 30,
  },
  {
    owner: 'groove-labs',
    slug: 'melody-gen-small',
    name: 'Melody generator (small)',
    summary: 'A 40M-parameter transformer that continues a melody as MIDI.',
    task: 'generation',
    framework: 'pytorch',
    license: 'OpenRAIL-M',
    tags: ['generation', 'melody', 'transformer'],
    sampleRate: 16000,
    metrics: [['nll', 1.42, 'Lakh MIDI']],
    training: { dataset: 'Lakh MIDI (clean)', hours: 30, hardware: '4× A100', epochs: 12 },
    weights: 'safetensors',
    downloadsPerDay: 25,
  },
  {
    owner: 'maya',
    slug: 'bpm-key-estimator',
    name: 'BPM and key estimator',
    summary: 'Tempo and key from a 30 s excerpt, with confidence.',
    task: 'tagging',
    framework: 'tensorflow',
    license: 'BSD-3-Clause',
    tags: ['bpm', 'key', 'tempo'],
    sampleRate: 22050,
    metrics: [
      ['accuracy', 0.953, 'GiantSteps Tempo'],
      ['accuracy', 0.781, 'GiantSteps Key'],
    ],
    training: { dataset: 'GiantSteps + Beatport', hours: 5, hardware: '1× T4', epochs: 80 },
    weights: 'onnx',
    downloadsPerDay: 35,
  },
  {
    owner: 'leo',
    slug: 'vocal-detector',
    name: 'Vocal activity detector',
    summary: 'Frame-level singing voice detection for lyric alignment.',
    task: 'tagging',
    framework: 'scikit-learn',
    license: 'MIT',
    tags: ['vocals', 'detection'],
    sampleRate: 16000,
    metrics: [['accuracy', 0.902, 'Jamendo']],
    training: { dataset: 'Jamendo corpus', hours: 0.5, hardware: 'CPU', epochs: 1 },
    weights: 'onnx',
    downloadsPerDay: 6,
  },
  {
    owner: 'maya',
    slug: 'genre-cnn-experimental',
    name: 'Genre CNN (experimental)',
    summary: 'Work in progress: a wider Genre CNN, shared with no one yet.',
    task: 'genre-classification',
    framework: 'pytorch',
    license: 'MIT',
    tags: ['genre', 'experimental'],
    sampleRate: 22050,
    metrics: [['accuracy', 0.918, 'GTZAN']],
    training: { dataset: 'GTZAN', hours: 4, hardware: '1× RTX 4090', epochs: 80 },
    weights: 'safetensors',
    visibility: 'private',
    baseOf: 'maya/genre-cnn',
    downloadsPerDay: 0,
  },
]

const card = (model: SeedModel) => `## ${model.name}

${model.summary}

### Intended use

Research and prototyping on the TuneTrail API. Inputs are mono audio at ${model.sampleRate.toLocaleString('en')} Hz.

### Results

| metric | value | dataset |
| --- | --- | --- |
${model.metrics.map(([name, value, dataset]) => `| ${name} | ${value} | ${dataset} |`).join('\n')}

### Limitations

Trained on ${model.training.dataset}; expect lower scores on genres and recording conditions it has not seen.
`

async function storeFile(
  payload: Payload,
  model: MlModel,
  version: number,
  filename: string,
  kind: FileKind,
  bytes: Buffer,
  contentType: string,
) {
  const storageKey = newStorageKey(model.id, filename)
  await putObject(storageKey, bytes, contentType)
  const scan = scanSource(bufferSource(bytes), filename)
  await payload.create({
    collection: 'model-files',
    data: {
      model: model.id,
      version,
      filename,
      kind,
      contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadStatus: 'uploaded',
      scanStatus: scan.status,
      scanFindings: { format: scan.format, findings: scan.findings },
      scannedAt: new Date().toISOString(),
      storage: 'seed',
      storageKey,
    } as never,
    overrideAccess: true,
  })
}

/**
 * The model hub's demo: the models above (owned by Maya, Leo and Groove Labs), each with a
 * published version, real files that pass the scan, metrics, forks pointing at their bases, and
 * 30 days of download history. Created once; running it again changes nothing.
 */
export async function seedModels(
  payload: Payload,
  ids: { maya: number; leo: number; organization: number },
): Promise<string[]> {
  const created: string[] = []
  const byHandle = new Map<string, MlModel>()
  const handles: Record<Owner, string> = { maya: 'maya', leo: 'leo', 'groove-labs': 'groove-labs' }
  const sql = await db({ payload })
  for (const seed of MODELS) {
    const handle = `${handles[seed.owner]}/${seed.slug}`
    const existing = await payload.find({
      collection: 'ml-models',
      where: {
        and: [{ ownerHandle: { equals: handles[seed.owner] } }, { slug: { equals: seed.slug } }],
      },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (existing.docs[0]) {
      byHandle.set(handle, existing.docs[0])
      continue
    }
    const base = seed.baseOf ? byHandle.get(seed.baseOf) : undefined
    const user = seed.owner === 'leo' ? ids.leo : ids.maya
    const model = await payload.create({
      collection: 'ml-models',
      data: {
        name: seed.name,
        slug: seed.slug,
        summary: seed.summary,
        card: card(seed),
        task: seed.task,
        framework: seed.framework,
        license: seed.license,
        visibility: seed.visibility ?? 'public',
        organization: seed.owner === 'groove-labs' ? ids.organization : null,
        tags: seed.tags.map((tag) => ({ tag })),
        audio: {
          sampleRate: seed.sampleRate,
          channels: seed.sampleRate === 44100 ? 2 : 1,
          inputSeconds: 30,
          outputKind:
            seed.task === 'embedding'
              ? 'embedding'
              : seed.task === 'source-separation'
                ? 'audio'
                : seed.task === 'transcription'
                  ? 'midi'
                  : 'labels',
        },
        metrics: seed.metrics.map(([name, value, dataset]) => ({
          name,
          value,
          dataset,
          split: 'test',
        })),
        benchmarks: [
          {
            name: 'Latency, 30 s clip',
            result: `${Math.round(20 + seed.training.hours)} ms`,
            hardware: 'c7i.xlarge',
          },
        ],
        training: {
          dataset: seed.training.dataset,
          durationSeconds: Math.round(seed.training.hours * 3600),
          hardware: seed.training.hardware,
          epochs: seed.training.epochs,
        },
        compatibility: {
          apiVersions: ['v2'],
          sdks: ['python', 'javascript'],
          runtimes: seed.weights === 'onnx' ? ['onnxruntime'] : ['torch'],
        },
      },
      depth: 0,
      overrideAccess: false,
      user: { id: user, collection: 'users', roles: ['member'] } as never,
      context: base ? { forkOf: base.id } : {},
    })
    const version = await payload.create({
      collection: 'model-versions',
      data: { model: model.id, label: '1.0.0', changelog: 'First release.' },
      overrideAccess: true,
    })
    const weights = seed.weights === 'onnx' ? onnxFile(seed.slug) : safetensorsFile(512)
    await storeFile(
      payload,
      model,
      version.id,
      seed.weights === 'onnx' ? 'model.onnx' : 'model.safetensors',
      'weights',
      weights,
      'application/octet-stream',
    )
    await storeFile(
      payload,
      model,
      version.id,
      'config.json',
      'config',
      Buffer.from(JSON.stringify({ sample_rate: seed.sampleRate, task: seed.task }, null, 2)),
      'application/json',
    )
    if (seed.hasSample) {
      await storeFile(
        payload,
        model,
        version.id,
        'sample.wav',
        'sample-audio',
        wavFile(1, 16_000, 330 + seed.slug.length * 10),
        'audio/wav',
      )
    }
    await payload.update({
      collection: 'model-versions',
      id: version.id,
      data: { status: 'published', publishedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    const published = await payload.update({
      collection: 'ml-models',
      id: model.id,
      data: {
        status: 'published',
        latestVersion: version.id,
        publishedAt: new Date().toISOString(),
      },
      depth: 0,
      overrideAccess: true,
    })
    // 30 days of downloads around the model's typical day, and the total they make.
    if (seed.downloadsPerDay) {
      await sql.query(
        `INSERT INTO model_download_days (model_id, day, downloads)
         SELECT $1, (now() at time zone 'utc')::date - d,
                greatest(0, round($2 * (0.6 + 0.8 * abs(sin(d * 1.7 + $1)))))::int
           FROM generate_series(0, 29) d
         ON CONFLICT DO NOTHING`,
        [model.id, seed.downloadsPerDay],
      )
      await sql.query(
        `UPDATE ml_models SET downloads = (SELECT sum(downloads) FROM model_download_days WHERE model_id = $1) * 4,
                trending = (SELECT sum(downloads) FROM model_download_days WHERE model_id = $1
                             AND day > (now() at time zone 'utc')::date - 7)
          WHERE id = $1`,
        [model.id],
      )
    }
    byHandle.set(handle, published)
    created.push(`model ${handle}`)
  }
  // Stars from the other demo member, and the fork counts the lineage makes.
  for (const [handle, model] of byHandle) {
    if (model.visibility !== 'public') continue
    const fan = handle.startsWith('leo/') ? ids.maya : ids.leo
    await sql.query(
      `INSERT INTO model_stars (model_id, user_id, updated_at, created_at) VALUES ($1, $2, now(), now())
       ON CONFLICT DO NOTHING`,
      [model.id, fan],
    )
    await sql.query(
      `UPDATE ml_models SET stars = (SELECT count(*) FROM model_stars WHERE model_id = $1),
              forks = (SELECT count(*) FROM ml_models f WHERE f.base_model_id = $1) WHERE id = $1`,
      [model.id],
    )
  }
  return created
}
