import type { Metadata } from 'next'
import { createLocalReq } from 'payload'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { currentUser, payloadClient, requireUser } from '@/data/session'
import { editableProject, myPersonalKeys, pickableModels, showcaseTopics } from '@/data/showcase'
import { usernames } from '@/data/models'
import { isTrustedMaker } from '@/lib/showcase/review'

import { idOf } from '../_components/ids'
import { Steps, SUBMIT_STEPS } from './_components/Steps'
import { BasicsStep, DetailsStep, ScreenshotsStep, StoryStep } from './_components/StepForms'
import { PreviewStep } from './_components/PreviewStep'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Submit a project · Showcase' }

type Props = { searchParams: Promise<{ project?: string; step?: string }> }

/** /showcase/submit: five steps over one draft (saved at each step), then submit. */
export default async function SubmitPage({ searchParams }: Props) {
  const query = await searchParams
  const user = await requireUser(
    `/showcase/submit${query.project ? `?project=${encodeURIComponent(query.project)}` : ''}`,
  )
  const projectId = Number(query.project)
  const project =
    Number.isInteger(projectId) && projectId > 0 ? await editableProject(user, projectId) : null
  if (query.project && !project) notFound()
  const requested = Math.min(Math.max(Number(query.step) || 1, 1), SUBMIT_STEPS.length)
  const step = project ? requested : 1
  const payload = await payloadClient()
  const viewer = (await currentUser()) ?? user
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/showcase" className="underline">
          Showcase
        </Link>{' '}
        /{' '}
        <Link href="/showcase/my-projects" className="underline">
          My projects
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">
        {project ? `Edit ${project.title}` : 'Submit a project'}
      </h1>
      <Steps current={step} projectId={project?.id ?? null} />
      <h2 className="text-lg font-semibold">
        {step}. {SUBMIT_STEPS[step - 1]}
      </h2>
      {step === 1 && <BasicsStep project={project} />}
      {project && step === 2 && <StoryStep project={project} />}
      {project && step === 3 && <ScreenshotsStep project={project} />}
      {project && step === 4 && (
        <DetailsStep
          project={project}
          topics={await showcaseTopics()}
          models={await pickableModels(user)}
          keys={await myPersonalKeys(user)}
          names={await usernames(
            user,
            (project.makers ?? []).map((m) => idOf(m.user)),
          )}
          viewerId={user.id}
        />
      )}
      {project && step === 5 && (
        <PreviewStep
          project={project}
          isTrusted={await isTrustedMaker(
            await createLocalReq({ user: { ...viewer, collection: 'users' } as never }, payload),
            user.id,
          )}
        />
      )}
    </div>
  )
}
