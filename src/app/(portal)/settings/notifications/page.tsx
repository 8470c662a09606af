import type { Metadata } from 'next'
import { createLocalReq } from 'payload'

import { ActionForm } from '@/components/Form/index.client'
import { Card } from '@/components/ui/card'
import { payloadClient, requireUser } from '@/data/session'
import { readPreferences } from '@/lib/notifications/preferences'
import {
  ALL_NOTIFICATION_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  NOTIFICATION_TYPES,
} from '@/lib/notifications/types'

import { savePreferencesAction } from './actions'

export const metadata: Metadata = { title: 'Notification settings' }

const DIGEST_OPTIONS = [
  { value: 'instant', label: 'At once', hint: 'A mail for each notification you get by mail.' },
  { value: 'daily', label: 'Daily digest', hint: 'One mail a day with all of them.' },
  { value: 'off', label: 'Never', hint: 'No notification mail at all.' },
]

export default async function NotificationSettingsPage() {
  const user = await requireUser('/settings/notifications')
  const payload = await payloadClient()
  const req = await createLocalReq({ user: { ...user, collection: 'users' } }, payload)
  const { preferences } = await readPreferences(payload, user.id, req)
  return (
    <>
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <Card aria-labelledby="channels-heading">
        <h2 id="channels-heading" className="mb-1 text-lg font-semibold">
          What you hear of, and how
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          “Webhook” sends a <code className="rounded bg-muted px-1">notification.created</code>{' '}
          event to your own webhook endpoints. Mail goes to {user.email}.
        </p>
        <ActionForm
          action={savePreferencesAction}
          submitLabel="Save preferences"
          pendingLabel="Saving…"
        >
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Channels for each kind of notification</caption>
              <thead>
                <tr className="border-b border-border">
                  <th scope="col" className="py-2 pr-4">
                    Notification
                  </th>
                  {CHANNELS.map((channel) => (
                    <th key={channel} scope="col" className="px-2 py-2 text-center">
                      {CHANNEL_LABELS[channel]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ALL_NOTIFICATION_TYPES.map((type) => (
                  <tr key={type} className="border-b border-border last:border-0">
                    <th scope="row" className="py-3 pr-4 font-normal">
                      <span className="block font-medium">{NOTIFICATION_TYPES[type].label}</span>
                      <span className="block text-xs text-muted-foreground">
                        {NOTIFICATION_TYPES[type].description}
                      </span>
                    </th>
                    {CHANNELS.map((channel) => (
                      <td key={channel} className="px-2 py-3 text-center">
                        <input
                          type="checkbox"
                          name={`${type}.${channel}`}
                          defaultChecked={preferences.channels[type][channel]}
                          aria-label={`${NOTIFICATION_TYPES[type].label}: ${CHANNEL_LABELS[channel]}`}
                          className="h-5 w-5"
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">When mail comes</legend>
            {DIGEST_OPTIONS.map((option) => (
              <label key={option.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="digest"
                  value={option.value}
                  defaultChecked={preferences.digest === option.value}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <span className="font-medium">{option.label}</span>
                  <span className="block text-xs text-muted-foreground">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </ActionForm>
      </Card>
    </>
  )
}
