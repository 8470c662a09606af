'use server'

import { z } from 'zod'

import { markRead } from '@collections/Notifications/endpoints'
import { personAction } from '@/actions/formAction'
import { notificationIdSchema } from '@/schemas/notifications'

const marked = (count: number) => ({
  status: 'ok' as const,
  message: count === 1 ? 'Marked read.' : `${count} marked read.`,
})

export const markReadAction = personAction({
  schema: notificationIdSchema,
  isHidden: true,
  revalidate: () => ['/notifications'],
  run: async ({ id }, { req }) => marked(await markRead(await req(), { ids: [id] })),
})

export const markAllReadAction = personAction({
  schema: z.object({}),
  revalidate: () => ['/notifications'],
  run: async (_data, { req }) => marked(await markRead(await req(), { all: true })),
})
