'use server'

import { cookies } from 'next/headers'

/** Remembers the browse page's grid or list layout for a year. */
export async function setLayoutAction(layout: 'grid' | 'list'): Promise<void> {
  ;(await cookies()).set('tt-models-layout', layout === 'list' ? 'list' : 'grid', {
    path: '/models',
    maxAge: 31_536_000,
    sameSite: 'lax',
  })
}
