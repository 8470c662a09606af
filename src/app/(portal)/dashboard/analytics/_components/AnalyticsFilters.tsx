import Link from 'next/link'

import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { AccountKey } from '@/lib/analytics'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'

import type { PageQuery } from './query'

const RANGE_LABELS = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range (UTC)',
} as const

/**
 * The page's range, key and environment as a GET form: a view is a link to share, and it works
 * without JavaScript. The custom range's times are read as UTC.
 */
export function AnalyticsFilters({ query, keys }: { query: PageQuery; keys: AccountKey[] }) {
  const isFiltered = query.range !== '24h' || query.key !== undefined || query.environment
  return (
    <form
      method="get"
      action="/dashboard/analytics"
      aria-label="Range and filters"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-card p-4"
    >
      <div className="w-full space-y-1.5 sm:w-48">
        <Label htmlFor="filter-range">Range</Label>
        <Select id="filter-range" name="range" defaultValue={query.range}>
          {Object.entries(RANGE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-full space-y-1.5 sm:w-52">
        <Label htmlFor="filter-from">From (custom, UTC)</Label>
        <Input id="filter-from" type="datetime-local" name="from" defaultValue={query.from} />
      </div>
      <div className="w-full space-y-1.5 sm:w-52">
        <Label htmlFor="filter-to">To (custom, UTC)</Label>
        <Input id="filter-to" type="datetime-local" name="to" defaultValue={query.to} />
      </div>
      <div className="w-full space-y-1.5 sm:w-56">
        <Label htmlFor="filter-key">Key</Label>
        <Select id="filter-key" name="key" defaultValue={query.key ? String(query.key) : ''}>
          <option value="">Every key</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.display ?? key.id}){key.status === 'revoked' ? ', revoked' : ''}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-full space-y-1.5 sm:w-44">
        <Label htmlFor="filter-environment">Environment</Label>
        <Select id="filter-environment" name="environment" defaultValue={query.environment ?? ''}>
          <option value="">Every environment</option>
          {KEY_ENVIRONMENTS.map((environment) => (
            <option key={environment} value={environment}>
              {environment[0].toUpperCase() + environment.slice(1)}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit">Apply</Button>
      {isFiltered && (
        <Link href="/dashboard/analytics" className="min-h-10 py-2 text-sm text-primary underline">
          Reset
        </Link>
      )}
    </form>
  )
}
