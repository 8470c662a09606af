'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { FILE_KIND_LABELS, FILE_KINDS } from '@/lib/models/constants'

type UploadState = {
  file: { id: number; filename: string; size: number; uploadStatus: string }
  mode: 's3' | 'local'
  partSize: number
  partCount: number
  parts: { partNumber: number; etag: string }[]
}

type Pending = { id: number; filename: string; size: number }

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  })
  const body = (await response.json().catch(() => ({}))) as T & { errors?: { message: string }[] }
  if (!response.ok)
    throw new Error(body.errors?.[0]?.message ?? `The upload failed (${response.status}).`)
  return body
}

/** PUTs one part, reporting bytes sent as they go; answers the part's ETag. */
function putPart(url: string, body: Blob, onProgress: (sent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.upload.onprogress = (event) => onProgress(event.loaded)
    xhr.onload = () => {
      const etag = xhr.getResponseHeader('ETag')
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag)
      else reject(new Error(`A part was refused (${xhr.status}). Try again to resume.`))
    }
    xhr.onerror = () => reject(new Error('The connection dropped. Try again to resume.'))
    xhr.send(body)
  })
}

/**
 * Step 2: files go in parts straight to storage (the bucket's presigned URLs, or the portal's
 * signed part route on local disk), with a progress bar. An interrupted upload of the same file
 * resumes: the parts already stored are skipped.
 */
export function Uploader({ versionId, pending }: { versionId: number; pending: Pending[] }) {
  const router = useRouter()
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<string>('weights')
  const [progress, setProgress] = useState<number | null>(null)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)

  const upload = async () => {
    if (!file) return
    setError(null)
    try {
      const resumable = pending.find((p) => p.filename === file.name && p.size === file.size)
      let state: UploadState = resumable
        ? await api<UploadState>(`/api/model-files/${resumable.id}/upload`)
        : await api<UploadState>('/api/model-files/uploads', {
            method: 'POST',
            body: JSON.stringify({
              version: versionId,
              filename: file.name,
              kind,
              size: file.size,
            }),
          })
      const done = new Set(state.parts.map((p) => p.partNumber))
      let sent = done.size * state.partSize
      setProgress(Math.min(100, Math.round((sent / file.size) * 100)))
      setStatus(resumable ? `Resuming ${file.name}…` : `Uploading ${file.name}…`)
      const todo = Array.from({ length: state.partCount }, (_, i) => i + 1).filter(
        (n) => !done.has(n),
      )
      for (let i = 0; i < todo.length; i += 10) {
        const { parts } = await api<{ parts: { partNumber: number; url: string }[] }>(
          `/api/model-files/${state.file.id}/upload/part-urls`,
          { method: 'POST', body: JSON.stringify({ parts: todo.slice(i, i + 10) }) },
        )
        for (const { partNumber, url } of parts) {
          const start = (partNumber - 1) * state.partSize
          const blob = file.slice(start, Math.min(file.size, start + state.partSize))
          const etag = await putPart(url, blob, (loaded) =>
            setProgress(Math.min(100, Math.round(((sent + loaded) / file.size) * 100))),
          )
          sent += blob.size
          if (state.mode === 's3') {
            state = await api<UploadState>(`/api/model-files/${state.file.id}/upload/parts`, {
              method: 'POST',
              body: JSON.stringify({ partNumber, etag }),
            })
          }
        }
      }
      await api<UploadState>(`/api/model-files/${state.file.id}/upload/complete`, {
        method: 'POST',
      })
      setProgress(100)
      setStatus(`${file.name} uploaded; its safety scan runs now.`)
      setFile(null)
      router.refresh()
    } catch (err) {
      setError((err as Error).message)
      setStatus('')
    }
  }

  const isUploading = progress !== null && progress < 100 && !error
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <Label htmlFor="model-file">File</Label>
          <input
            id="model-file"
            type="file"
            className="block text-sm"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null)
              setProgress(null)
              setStatus('')
            }}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="file-kind">Kind</Label>
          <Select id="file-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
            {FILE_KINDS.map((value) => (
              <option key={value} value={value}>
                {FILE_KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="button" onClick={upload} disabled={!file || isUploading}>
          {isUploading ? 'Uploading…' : 'Upload'}
        </Button>
      </div>
      {progress !== null && (
        <div className="space-y-1">
          <progress
            aria-label="Upload progress"
            value={progress}
            max={100}
            className="h-3 w-full accent-[var(--primary)]"
          />
          <p className="text-sm tabular-nums">{progress}%</p>
        </div>
      )}
      <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
        {status}
      </p>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  )
}
