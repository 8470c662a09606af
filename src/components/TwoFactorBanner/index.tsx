import Link from 'next/link'

/** Shown on every page to a member whose organizations require two-factor authentication. */
export function TwoFactorBanner({ organizations }: { organizations: string[] }) {
  if (organizations.length === 0) return null
  const names =
    organizations.length === 1
      ? organizations[0]
      : `${organizations.slice(0, -1).join(', ')} and ${organizations.at(-1)}`
  return (
    <div
      role="region"
      aria-label="Two-factor authentication required"
      className="border-b border-warning bg-warning-soft px-4 py-3 text-sm"
      data-testid="two-factor-banner"
    >
      <p className="mx-auto max-w-6xl">
        <strong>{names}</strong> {organizations.length === 1 ? 'requires' : 'require'} two-factor
        authentication: you cannot use {organizations.length === 1 ? 'its' : 'their'} API keys until
        you{' '}
        <Link href="/settings/security" className="font-medium underline">
          turn it on
        </Link>
        .
      </p>
    </div>
  )
}
