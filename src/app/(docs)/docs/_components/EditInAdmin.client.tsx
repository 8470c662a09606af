'use client'

import { hasRole } from '@/access/roles'
import { useViewer } from '@/components/Viewer/index.client'

/** "Edit in admin" for staff; nothing for anyone else (decided in the browser: the page is static). */
export function EditInAdmin({ id }: { id: number }) {
  const viewer = useViewer()
  if (!hasRole(viewer, 'staff')) return null
  return (
    <a
      href={`/admin/collections/docs-pages/${id}`}
      className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted"
    >
      Edit in admin
    </a>
  )
}
