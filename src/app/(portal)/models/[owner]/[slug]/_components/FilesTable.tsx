import { Badge, type BadgeTone } from '@/components/ui/badge'
import {
  FILE_KIND_LABELS,
  isReleased,
  SCAN_LABELS,
  type FileKind,
  type ScanStatus,
} from '@/lib/models/constants'
import type { ModelFile } from '@/payload-types'

import { formatBytes } from '../../../_components/format'

const SCAN_TONES: Record<ScanStatus, BadgeTone> = {
  pending: 'muted',
  clean: 'success',
  flagged: 'danger',
  error: 'warning',
}

/** Why a file cannot be downloaded yet, in place of its link. */
export const heldReason = (file: ModelFile) =>
  file.scanStatus === 'pending'
    ? 'Scanning…'
    : file.review === 'rejected'
      ? 'Held by staff'
      : 'Held for review'

/** The safety badge of a file: safe, flagged (or approved by staff after review), pending. */
export function SafetyBadge({ file }: { file: ModelFile }) {
  const status = (file.scanStatus ?? 'pending') as ScanStatus
  if (file.review === 'rejected') return <Badge tone="danger">Rejected by staff</Badge>
  if (status === 'error' && file.review === 'approved') {
    return <Badge tone="warning">Not scanned, approved by staff</Badge>
  }
  if (status === 'flagged' && file.review === 'approved') {
    return <Badge tone="warning">Flagged, approved by staff</Badge>
  }
  return <Badge tone={SCAN_TONES[status]}>{SCAN_LABELS[status]}</Badge>
}

/**
 * A version's files with sizes, hashes, safety badges and their download links. A held file
 * (flagged, scanning, rejected) says why instead of offering a link that would answer 403 —
 * except to those who may fetch it anyway (`canFetchHeld`: owners and staff).
 */
export function FilesTable({
  files,
  caption,
  canFetchHeld = false,
}: {
  files: ModelFile[]
  caption: string
  canFetchHeld?: boolean
}) {
  if (!files.length) return <p className="text-sm text-muted-foreground">No files yet.</p>
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-muted-foreground">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              File
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Size
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              SHA-256
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Safety
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Download</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id} className="border-t border-border align-top">
              <td className="py-2 pr-3">
                <span className="font-medium break-all">{file.filename}</span>
                <span className="block text-xs text-muted-foreground">
                  {FILE_KIND_LABELS[(file.kind ?? 'other') as FileKind]}
                </span>
              </td>
              <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{formatBytes(file.size)}</td>
              <td className="py-2 pr-3">
                {file.sha256 ? (
                  <code className="text-xs break-all" title={file.sha256}>
                    {file.sha256.slice(0, 16)}…
                  </code>
                ) : (
                  <span className="text-muted-foreground">pending</span>
                )}
              </td>
              <td className="py-2 pr-3">
                <SafetyBadge file={file} />
              </td>
              <td className="py-2">
                {file.uploadStatus !== 'uploaded' ? (
                  <span className="text-muted-foreground">Uploading</span>
                ) : !isReleased(file) && !canFetchHeld ? (
                  <span className="text-muted-foreground">{heldReason(file)}</span>
                ) : (
                  <a
                    href={`/api/model-files/${file.id}/download`}
                    className="text-primary underline"
                  >
                    Download<span className="sr-only"> {file.filename}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
