import type { ComponentUptime, ResponseTimePoint } from '@/lib/status/uptime'
import { formatDateTime } from '@/lib/time'
import type { ComponentView, GroupView } from '@/lib/status/views'

import { ResponseTimesDisclosure, type ResponseTimeData } from './ResponseTimes.client'
import { StateLabel } from './StateLabel'
import { UptimeBars, type UptimeBarsData } from './UptimeBars.client'

type Data = {
  uptime: Record<number, ComponentUptime>
  responseTimes: Record<number, ResponseTimePoint[]>
}

/** What the bars need, compact (it travels to the browser once per component). */
const barsData = (uptime: ComponentUptime): UptimeBarsData => ({
  first: uptime.days[0]?.day ?? '',
  days: uptime.days.map((day) => [day.ok, day.total]),
  windows: uptime.windows,
})

const responseData = (points: ResponseTimePoint[]): ResponseTimeData => ({
  first: points[0]?.hour ?? '',
  points: points.map((point) => [point.avgMs, point.maxMs]),
})

function ComponentRow({ component, uptime, responseTimes }: { component: ComponentView } & Data) {
  const points = responseTimes[component.id]
  return (
    <li className="space-y-3 border-t border-border py-4 first:border-t-0">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-medium">{component.name}</h3>
          {component.description && (
            <p className="text-sm text-muted-foreground">{component.description}</p>
          )}
        </div>
        <StateLabel state={component.state} />
      </div>
      {component.isStale && (
        <p className="text-sm text-muted-foreground">
          <span aria-hidden="true">⚠ </span>
          {component.lastCheckedAt ? (
            <>
              Automatic checks have not reported since{' '}
              <time dateTime={component.lastCheckedAt}>
                {formatDateTime(component.lastCheckedAt)}
              </time>
            </>
          ) : (
            'Automatic checks have not reported yet'
          )}
          : this state may be out of date.
        </p>
      )}
      {uptime[component.id] && (
        <UptimeBars name={component.name} data={barsData(uptime[component.id])} />
      )}
      {points?.some((point) => point.avgMs !== null) && (
        <ResponseTimesDisclosure name={component.name} data={responseData(points)} />
      )}
    </li>
  )
}

/**
 * The components by group: a group is collapsed under the worst state among its components,
 * components outside any group are listed as they are.
 */
export function ComponentList({ groups, ...data }: { groups: GroupView[] } & Data) {
  return (
    <ul className="rounded-lg border border-border bg-card px-4">
      {groups.map((group) =>
        group.name === null ? (
          <ComponentRow key={group.components[0].id} component={group.components[0]} {...data} />
        ) : (
          <li key={`group-${group.name}`} className="border-t border-border py-2 first:border-t-0">
            <details className="group">
              <summary className="flex min-h-10 cursor-pointer list-none items-center justify-between gap-2 py-2 [&::-webkit-details-marker]:hidden">
                <span className="font-medium">
                  <span
                    aria-hidden="true"
                    className="mr-2 inline-block w-3 text-muted-foreground transition-transform group-open:rotate-90"
                  >
                    ▸
                  </span>
                  {group.name}{' '}
                  <span className="text-sm font-normal text-muted-foreground">
                    ({group.components.length} components)
                  </span>
                </span>
                <StateLabel state={group.state} />
              </summary>
              <ul className="pl-5">
                {group.components.map((component) => (
                  <ComponentRow key={component.id} component={component} {...data} />
                ))}
              </ul>
            </details>
          </li>
        ),
      )}
    </ul>
  )
}
