import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { personId } from '@/lib/accounts'
import { db } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import { maintenanceEventType, publishMaintenanceEvent } from '@/lib/status/events'
import type { MaintenanceStatus } from '@/lib/status/states'
import { inTransaction } from '@/lib/transactions'
import type { StatusMaintenance } from '@/payload-types'

import { expireStatus } from '../StatusComponents/revalidate'

/** The window ends after it starts. */
export const checkWindow: CollectionBeforeValidateHook = ({ data }) => {
  const start = data?.scheduledStart ? new Date(data.scheduledStart).getTime() : NaN
  const end = data?.scheduledEnd ? new Date(data.scheduledEnd).getTime() : NaN
  if (Number.isFinite(start) && Number.isFinite(end) && end <= start) {
    throw new ValidationError({
      collection: 'status-maintenances',
      errors: [{ path: 'scheduledEnd', message: 'The end must come after the start.' }],
    })
  }
  return data
}

/** When it actually started and completed, whoever moved it. */
export const recordTransitions: CollectionBeforeChangeHook<StatusMaintenance> = ({
  data,
  originalDoc,
}) => {
  const now = new Date().toISOString()
  if (data.status !== originalDoc?.status) {
    if (data.status === 'in_progress' && !data.startedAt) data.startedAt = now
    if (data.status === 'completed') data.completedAt = now
  }
  return data
}

/** Scheduling, start and completion are notices (each once); the page shows every change. */
export const publishMaintenanceNotices: CollectionAfterChangeHook<StatusMaintenance> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const isNewStatus = operation === 'create' || doc.status !== previousDoc?.status
  const type = isNewStatus ? maintenanceEventType(doc.status as MaintenanceStatus) : null
  if (type) {
    await inTransaction(req, async () =>
      publishMaintenanceEvent(
        await db(req),
        type,
        {
          id: doc.id,
          title: doc.title,
          description: doc.description ?? '',
          status: doc.status as MaintenanceStatus,
          notify: doc.notify !== false,
          scheduledStart: doc.scheduledStart,
          scheduledEnd: doc.scheduledEnd,
          componentIds: (doc.components ?? []).map((component) => Number(relationId(component))),
        },
        personId(req.user),
      ),
    )
  }
  await expireStatus(req)
  return doc
}
