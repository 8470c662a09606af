import Link from 'next/link'

import { DetailList } from '@/components/DetailList'
import { StatCards } from '@/components/StatCards'
import { Badge } from '@/components/ui/badge'
import {
  AUDIO_EXTENSIONS,
  extensionOf,
  FRAMEWORK_LABELS,
  isReleased,
  TASK_LABELS,
  type Framework,
  type ModelTask,
} from '@/lib/models/constants'
import type { MlModel, ModelFile, ModelVersion } from '@/payload-types'

import { formatCount, formatDuration } from '../../../_components/format'

/** Task, framework, license, visibility and compatibility as badges. */
export function ModelBadges({ model }: { model: MlModel }) {
  const compat = model.compatibility ?? {}
  return (
    <ul aria-label="Badges" className="flex flex-wrap gap-1.5">
      <li>
        <Badge tone="primary">{TASK_LABELS[model.task as ModelTask]}</Badge>
      </li>
      <li>
        <Badge tone="neutral">{FRAMEWORK_LABELS[model.framework as Framework]}</Badge>
      </li>
      <li>
        <Badge tone="muted">{model.license}</Badge>
      </li>
      {model.visibility !== 'public' && (
        <li>
          <Badge tone="warning">{model.visibility}</Badge>
        </li>
      )}
      {model.status !== 'published' && (
        <li>
          <Badge tone="warning">Draft</Badge>
        </li>
      )}
      {(compat.apiVersions ?? []).map((v) => (
        <li key={`api-${v}`}>
          <Badge tone="success">TuneTrail API {v}</Badge>
        </li>
      ))}
      {(compat.sdks ?? []).map((v) => (
        <li key={`sdk-${v}`}>
          <Badge tone="neutral">SDK: {v}</Badge>
        </li>
      ))}
      {(compat.runtimes ?? []).map((v) => (
        <li key={`rt-${v}`}>
          <Badge tone="neutral">Runtime: {v}</Badge>
        </li>
      ))}
    </ul>
  )
}

/** The numbers: downloads, stars, forks, rating, then each metric as a card. */
export function ModelStats({ model }: { model: MlModel }) {
  return (
    <div className="space-y-3">
      <StatCards
        label="Usage"
        stats={[
          { label: 'Downloads', value: formatCount(model.downloads), hint: 'All time' },
          { label: 'Stars', value: formatCount(model.stars) },
          { label: 'Forks', value: formatCount(model.forks) },
          {
            label: 'Rating',
            value: model.ratingCount ? `${Number(model.ratingAverage).toFixed(1)} / 5` : '—',
            hint: `${model.ratingCount ?? 0} ratings`,
          },
        ]}
      />
      {(model.metrics?.length ?? 0) > 0 && (
        <StatCards
          label="Metrics"
          stats={(model.metrics ?? []).map((metric) => ({
            label: metric.name,
            value: Number(metric.value).toLocaleString('en', { maximumFractionDigits: 4 }),
            hint: `${metric.dataset} · ${metric.split ?? 'test'}`,
          }))}
        />
      )}
    </div>
  )
}

/** Training, audio specifics and benchmarks. */
export function ModelDetails({ model }: { model: MlModel }) {
  const audio = model.audio ?? {}
  const training = model.training ?? {}
  return (
    <div className="space-y-4">
      <DetailList
        details={[
          { term: 'Training data', value: training.dataset, isHidden: !training.dataset },
          {
            term: 'Training duration',
            value: formatDuration(training.durationSeconds),
            isHidden: !training.durationSeconds,
          },
          { term: 'Hardware', value: training.hardware, isHidden: !training.hardware },
          { term: 'Epochs', value: training.epochs, isHidden: !training.epochs },
          {
            term: 'Sample rate',
            value: audio.sampleRate ? `${audio.sampleRate.toLocaleString('en')} Hz` : null,
            isHidden: !audio.sampleRate,
          },
          { term: 'Channels', value: audio.channels, isHidden: !audio.channels },
          {
            term: 'Input length',
            value: audio.inputSeconds ? `${audio.inputSeconds} s` : null,
            isHidden: !audio.inputSeconds,
          },
          { term: 'Output', value: audio.outputKind, isHidden: !audio.outputKind },
        ]}
      />
      {(model.benchmarks?.length ?? 0) > 0 && (
        <table className="text-sm">
          <caption className="text-left font-medium">Benchmarks</caption>
          <tbody>
            {model.benchmarks?.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="pr-4 text-left font-normal">
                  {row.name}
                </th>
                <td className="pr-4">{row.result}</td>
                <td className="text-muted-foreground">{row.hardware}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** Players for the sample audio files (streamed through the download route). */
export function SamplePlayers({ files }: { files: ModelFile[] }) {
  const samples = files.filter(
    (file) =>
      file.kind === 'sample-audio' &&
      AUDIO_EXTENSIONS.includes(extensionOf(file.filename ?? '')) &&
      isReleased(file),
  )
  if (!samples.length) return null
  return (
    <ul aria-label="Sample audio" className="space-y-3">
      {samples.map((file) => (
        <li key={file.id} className="space-y-1">
          <p className="text-sm font-medium">{file.filename}</p>
          <audio
            controls
            preload="none"
            src={`/api/model-files/${file.id}/download`}
            className="w-full"
          >
            <a href={`/api/model-files/${file.id}/download`}>Download {file.filename}</a>
          </audio>
        </li>
      ))}
    </ul>
  )
}

/** Versions, newest first, with their state and changelog. */
export function Versions({
  versions,
  latestId,
}: {
  versions: ModelVersion[]
  latestId: number | null
}) {
  return (
    <ol aria-label="Versions" className="space-y-2">
      {versions.map((version) => (
        <li key={version.id} className="text-sm">
          <span className="font-medium">{version.label}</span>{' '}
          {version.id === latestId && <Badge tone="success">Latest</Badge>}{' '}
          {version.status !== 'published' && <Badge tone="warning">{version.status}</Badge>}{' '}
          <span className="text-muted-foreground">
            {(version.publishedAt ?? version.createdAt).slice(0, 10)}
          </span>
          {version.changelog && <p className="text-muted-foreground">{version.changelog}</p>}
        </li>
      ))}
    </ol>
  )
}

/** Where this model comes from and who built on it. */
export function Lineage({ base, forks }: { base: MlModel | null; forks: MlModel[] }) {
  const link = (model: MlModel) => (
    <Link href={`/models/${model.ownerHandle}/${model.slug}`} className="text-primary underline">
      {model.ownerHandle}/{model.slug}
    </Link>
  )
  return (
    <div className="space-y-2 text-sm">
      <p>
        Base model:{' '}
        {base ? link(base) : <span className="text-muted-foreground">none (an original)</span>}
      </p>
      <p>Forks: {forks.length === 0 && <span className="text-muted-foreground">none yet</span>}</p>
      {forks.length > 0 && (
        <ul aria-label="Forks" className="list-disc pl-5">
          {forks.map((fork) => (
            <li key={fork.id}>{link(fork)}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
