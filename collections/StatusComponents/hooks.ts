import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { scheduleComponentChecks } from '@/lib/status/schedule'
import type { CheckConfig } from '@/lib/status/checkTypes'
import { COMPONENT_STATE_LABELS } from '@/lib/status/states'
import { checkHost, refusedUrl } from '@/lib/webhooks/ssrf'
import type { StatusComponent } from '@/payload-types'

import { expireStatus } from './revalidate'

type CheckRow = Partial<CheckConfig>

/** The field error of one check, named as the admin shows it (`checks.0.url`). */
const fieldError = (index: number, field: string, message: string) =>
  new ValidationError({
    collection: 'status-components',
    errors: [{ path: `checks.${index}.${field}`, message }],
  })

/**
 * Each enabled check must say what it checks, and may only reach public addresses — the webhook
 * SSRF rules, with loopback only under WEBHOOK_ALLOW_LOOPBACK (a disabled one is looked at when
 * it is turned on). The worker checks again on every connection (DNS may change after saving).
 */
export const checkTargets: CollectionBeforeValidateHook = async ({ data }) => {
  const checks = (data?.checks ?? []) as CheckRow[]
  const policy = { allowLoopback: env().WEBHOOK_ALLOW_LOOPBACK }
  for (const [index, check] of checks.entries()) {
    if (check.enabled === false) continue
    if (check.type === 'http') {
      if (!check.url) throw fieldError(index, 'url', 'An HTTP check needs the address to request.')
      const problem = await refusedUrl(check.url, {
        ...policy,
        allowPlainHttp: true,
        noun: 'Checks',
      })
      if (problem) throw fieldError(index, 'url', problem)
    } else if (check.type === 'tcp') {
      if (!check.host) throw fieldError(index, 'host', 'A TCP check needs a host name or address.')
      if (!check.port) throw fieldError(index, 'port', 'A TCP check needs a port (1–65535).')
      const checked = await checkHost(check.host.replace(/^\[|\]$/g, ''), policy)
      if ('unresolved' in checked) throw fieldError(index, 'host', checked.unresolved)
      if ('refused' in checked) {
        throw fieldError(
          index,
          'host',
          `${checked.refused} Checks can only reach addresses on the public internet.`,
        )
      }
    } else if (check.type === 'internal' && !check.target) {
      throw fieldError(index, 'target', 'Choose which part of the portal to check.')
    }
    if (
      check.degradedAboveMs &&
      check.timeoutMs &&
      Number(check.degradedAboveMs) >= Number(check.timeoutMs)
    ) {
      throw fieldError(
        index,
        'degradedAboveMs',
        'The "degraded" threshold must be below the timeout.',
      )
    }
  }
  return data
}

/**
 * A person who changes the state takes it over from the checks (until they untick "set by
 * hand"); the worker's own changes go straight to the database and never pass here.
 */
export const markManualState: CollectionBeforeChangeHook<StatusComponent> = ({
  data,
  operation,
  originalDoc,
}) => {
  const loaded = data.stateAsLoaded
  delete data.stateAsLoaded
  if (operation === 'update' && originalDoc && loaded && loaded !== originalDoc.state) {
    // The checks moved the state after the form was loaded.
    if (data.state === loaded) {
      data.state = originalDoc.state
    } else if (data.state !== originalDoc.state) {
      throw new ValidationError({
        collection: 'status-components',
        errors: [
          {
            path: 'state',
            message: `The checks changed the state to "${COMPONENT_STATE_LABELS[originalDoc.state]}" since you opened this page: reload it, then set the state again.`,
          },
        ],
      })
    }
  }
  const isStateChanged = operation === 'create' || data.state !== originalDoc?.state
  if (isStateChanged) data.stateChangedAt = new Date().toISOString()
  const isManualToggled = operation === 'update' && data.isManual !== originalDoc?.isManual
  if (operation === 'update' && isStateChanged && !isManualToggled) data.isManual = true
  return data
}

/** Saved checks run at once and then on their interval; the page shows the change. */
export const scheduleChecks: CollectionAfterChangeHook<StatusComponent> = async ({ doc, req }) => {
  await scheduleComponentChecks(await db(req), doc.id, (doc.checks ?? []) as CheckConfig[])
  await expireStatus(req)
  return doc
}

/**
 * A deleted component leaves the incidents that named it (their rows' component is required, so
 * the database cannot null it out).
 */
export const leaveIncidents: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await (
    await db(req)
  ).query('DELETE FROM status_incidents_components WHERE component_id = $1', [Number(id)])
}

export const revalidateDeletedStatus: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await expireStatus(req)
  return doc
}
