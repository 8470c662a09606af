import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import type { UsageBadge } from '@/lib/showcase/usage'
import type { MlModel, ShowcaseProject } from '@/payload-types'

import { topicsOf } from '../../../_components/media'

/** Built with: tech-stack badges, use cases, free tags and models of the hub. */
export function BuiltWith({ project }: { project: ShowcaseProject }) {
  const models = (project.models ?? []).filter(
    (m): m is MlModel => typeof m === 'object' && m !== null,
  )
  const tech = topicsOf(project.techStack)
  const uses = topicsOf(project.useCases)
  return (
    <div className="space-y-3 text-sm">
      {tech.length > 0 && (
        <div>
          <h3 className="mb-1 font-medium">Tech stack</h3>
          <ul aria-label="Tech stack" className="flex flex-wrap gap-1.5">
            {tech.map((t) => (
              <li key={t.id}>
                <Link href={`/showcase?tech=${t.slug}`}>
                  <Badge tone="primary">{t.name}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {uses.length > 0 && (
        <div>
          <h3 className="mb-1 font-medium">Use cases</h3>
          <ul aria-label="Use cases" className="flex flex-wrap gap-1.5">
            {uses.map((t) => (
              <li key={t.id}>
                <Link href={`/showcase?use=${t.slug}`}>
                  <Badge tone="neutral">{t.name}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(project.tags ?? []).length > 0 && (
        <p className="flex flex-wrap gap-1.5">
          {(project.tags ?? []).map((t) => (
            <Badge key={t.tag} tone="muted">
              #{t.tag}
            </Badge>
          ))}
        </p>
      )}
      <div>
        <h3 className="mb-1 font-medium">Models used</h3>
        {models.length ? (
          <ul className="list-disc space-y-1 pl-5">
            {models.map((m) => (
              <li key={m.id}>
                <Link
                  className="text-primary underline"
                  href={`/models/${m.ownerHandle}/${m.slug}`}
                >
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground">None named.</p>
        )}
      </div>
    </div>
  )
}

/** What GitHub says about the repository (fetched daily by the worker). */
export function GithubFacts({ project }: { project: ShowcaseProject }) {
  const gh = project.github
  if (!project.repository) return <p className="text-sm text-muted-foreground">No repository.</p>
  return (
    <div className="space-y-2 text-sm">
      <p>
        <a
          className="text-primary underline break-all"
          href={`https://github.com/${project.repository}`}
          rel="noopener noreferrer nofollow"
        >
          github.com/{project.repository}
        </a>
      </p>
      {gh?.fetchedAt && !gh.error ? (
        <>
          {gh.description && <p className="text-muted-foreground">{gh.description}</p>}
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
            <dt className="text-muted-foreground">Stars</dt>
            <dd>{Number(gh.stars ?? 0).toLocaleString('en')}</dd>
            {gh.language && (
              <>
                <dt className="text-muted-foreground">Language</dt>
                <dd>{gh.language}</dd>
              </>
            )}
            {gh.license && (
              <>
                <dt className="text-muted-foreground">Licence</dt>
                <dd>{gh.license}</dd>
              </>
            )}
            {gh.pushedAt && (
              <>
                <dt className="text-muted-foreground">Last push</dt>
                <dd>{new Date(gh.pushedAt).toISOString().slice(0, 10)}</dd>
              </>
            )}
          </dl>
          {gh.topics && (
            <p className="flex flex-wrap gap-1.5">
              {gh.topics.split(',').map((topic) => (
                <Badge key={topic} tone="muted">
                  {topic.trim()}
                </Badge>
              ))}
            </p>
          )}
        </>
      ) : (
        <p className="text-muted-foreground">
          {gh?.error
            ? 'GitHub details are unavailable right now.'
            : 'GitHub details are on their way.'}
        </p>
      )}
    </div>
  )
}

/** The verified-usage badge: endpoints the linked key really called in the last 30 days. */
export function UsageFacts({ usage }: { usage: UsageBadge }) {
  return (
    <div className="space-y-2 text-sm" data-testid="verified-usage">
      <p>
        <Badge tone="success">✓ Uses the TuneTrail API</Badge>
      </p>
      <p className="text-muted-foreground">
        Verified from the calls of a maker’s API key in the last {usage.days} days.
      </p>
      <ul aria-label="Endpoints called" className="space-y-1">
        {usage.endpoints.map((e) => (
          <li key={`${e.method} ${e.endpoint}`} className="flex justify-between gap-3">
            <code className="break-all">
              {e.method} {e.endpoint}
            </code>
            {e.calls !== null && (
              <span className="shrink-0 text-muted-foreground">
                {e.calls.toLocaleString('en')} {e.calls === 1 ? 'call' : 'calls'}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
