import type { Plan } from '../plans'

/** The model hub's vocabularies: one place for the collections, the filters and the seed. */
export const MODEL_TASKS = [
  'genre-classification',
  'tagging',
  'recommendation',
  'source-separation',
  'transcription',
  'generation',
  'embedding',
  'other',
] as const
export type ModelTask = (typeof MODEL_TASKS)[number]

export const TASK_LABELS: Record<ModelTask, string> = {
  'genre-classification': 'Genre classification',
  tagging: 'Tagging',
  recommendation: 'Recommendation',
  'source-separation': 'Source separation',
  transcription: 'Transcription',
  generation: 'Generation',
  embedding: 'Embedding',
  other: 'Other',
}

export const FRAMEWORKS = ['pytorch', 'onnx', 'tensorflow', 'scikit-learn', 'jax', 'other'] as const
export type Framework = (typeof FRAMEWORKS)[number]
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  pytorch: 'PyTorch',
  onnx: 'ONNX',
  tensorflow: 'TensorFlow',
  'scikit-learn': 'scikit-learn',
  jax: 'JAX',
  other: 'Other',
}

/** SPDX ids offered in the form and the filters (others are refused: a license must be known). */
export const LICENSES = [
  'Apache-2.0',
  'MIT',
  'BSD-3-Clause',
  'CC-BY-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-SA-4.0',
  'GPL-3.0-only',
  'OpenRAIL-M',
  'proprietary',
] as const

export const VISIBILITIES = ['public', 'organization', 'private'] as const
export type Visibility = (typeof VISIBILITIES)[number]
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Public: everyone',
  organization: "Organization: the organization's members",
  private: 'Private: you (an organization’s owners and admins)',
}

export const OUTPUT_KINDS = ['labels', 'scores', 'embedding', 'audio', 'midi', 'text'] as const
export const API_VERSIONS = ['v1', 'v2'] as const
export const SDKS = ['python', 'javascript', 'cli'] as const
export const RUNTIMES = ['torch', 'onnxruntime', 'tensorflow', 'tfjs', 'coreml', 'sklearn'] as const

export const FILE_KINDS = ['weights', 'config', 'readme', 'sample-audio', 'other'] as const
export type FileKind = (typeof FILE_KINDS)[number]
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  weights: 'Weights',
  config: 'Config',
  readme: 'README',
  'sample-audio': 'Sample audio',
  other: 'Other',
}

/**
 * The file types a model may carry, by extension: what they are and their content type. A file
 * whose name ends otherwise is refused before any byte is uploaded.
 */
export const FILE_TYPES: Record<string, { contentType: string; isPickle?: boolean }> = {
  '.safetensors': { contentType: 'application/octet-stream' },
  '.onnx': { contentType: 'application/octet-stream' },
  '.pt': { contentType: 'application/octet-stream', isPickle: true },
  '.pth': { contentType: 'application/octet-stream', isPickle: true },
  '.pkl': { contentType: 'application/octet-stream', isPickle: true },
  '.bin': { contentType: 'application/octet-stream', isPickle: true },
  '.ckpt': { contentType: 'application/octet-stream', isPickle: true },
  '.joblib': { contentType: 'application/octet-stream', isPickle: true },
  '.h5': { contentType: 'application/x-hdf5' },
  '.tflite': { contentType: 'application/octet-stream' },
  '.json': { contentType: 'application/json' },
  '.yaml': { contentType: 'application/yaml' },
  '.yml': { contentType: 'application/yaml' },
  '.txt': { contentType: 'text/plain' },
  '.md': { contentType: 'text/markdown' },
  '.wav': { contentType: 'audio/wav' },
  '.mp3': { contentType: 'audio/mpeg' },
  '.flac': { contentType: 'audio/flac' },
  '.ogg': { contentType: 'audio/ogg' },
}

export const AUDIO_EXTENSIONS = ['.wav', '.mp3', '.flac', '.ogg']

/** The extension of a file name, lower-cased (`.safetensors`), or '' without one. */
export const extensionOf = (filename: string) => {
  const match = /(\.[A-Za-z0-9]+)$/.exec(filename)
  return match ? match[1].toLowerCase() : ''
}

const GB = 1024 ** 3

/** The largest single file each plan may upload. */
export const MAX_FILE_BYTES: Record<Plan, number> = {
  free: 2 * GB,
  starter: 5 * GB,
  pro: 20 * GB,
  enterprise: 50 * GB,
}

/** Multipart part size: S3's minimum is 5 MiB; 8 MiB keeps a 2 GB file under 256 parts. */
export const PART_BYTES = 8 * 1024 * 1024
/** S3 allows 10,000 parts per upload. */
export const MAX_PARTS = 10_000

/** How long a signed URL lives (download, or one part's upload). */
export const SIGNED_URL_SECONDS = 300

/** A row id from a URL: digits within Postgres' integer, or null (a 404, never a 500). */
export const parseModelId = (value: string | undefined | null): number | null =>
  value && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null

export const SCAN_STATUSES = ['pending', 'clean', 'flagged', 'error'] as const
export type ScanStatus = (typeof SCAN_STATUSES)[number]
export const SCAN_LABELS: Record<ScanStatus, string> = {
  pending: 'Scan pending',
  clean: 'Safe',
  flagged: 'Flagged',
  error: 'Not scanned',
}

/**
 * Whether everyone who sees the model may download a file: uploaded, and clean or approved by
 * staff (a flagged, unscanned or rejected file is held; only owners and staff fetch it).
 */
export const isReleased = (file: {
  uploadStatus?: string | null
  scanStatus?: string | null
  review?: string | null
}) =>
  file.uploadStatus === 'uploaded' &&
  file.review !== 'rejected' &&
  (file.scanStatus === 'clean' || file.review === 'approved')

export const SORTS = ['trending', 'downloads', 'stars', 'updated', 'newest'] as const
export type ModelSort = (typeof SORTS)[number]
export const SORT_LABELS: Record<ModelSort, string> = {
  trending: 'Trending',
  downloads: 'Most downloaded',
  stars: 'Most starred',
  updated: 'Recently updated',
  newest: 'Newest',
}
