'use client'

import { RefreshRouteOnSave } from '@payloadcms/live-preview-react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'

/** In the admin's live preview (draft mode): re-renders the page each time the editor saves. */
export function LivePreview({ serverUrl }: { serverUrl: string }) {
  const router = useRouter()
  return (
    <>
      <p role="status" className="rounded-md bg-warning-soft px-3 py-2 text-sm">
        Preview: you are seeing the latest draft.{' '}
        <Link href="/docs/preview?exit=1" prefetch={false} className="underline">
          Leave preview
        </Link>
      </p>
      <RefreshRouteOnSave refresh={() => router.refresh()} serverURL={serverUrl} />
    </>
  )
}
