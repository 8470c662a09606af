import { PanelsLoading } from '@/components/Loading'

/** A key's tab while it loads (the header and tabs above stay). */
export default function Loading() {
  return <PanelsLoading label="Loading this tab…" />
}
