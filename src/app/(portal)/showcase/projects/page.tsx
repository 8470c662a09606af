import { redirect } from 'next/navigation'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** /showcase/projects is the showcase itself (its filters kept). */
export default async function ProjectsIndex({ searchParams }: Props) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string') search.set(name, value)
  }
  const query = search.toString()
  redirect(query ? `/showcase?${query}` : '/showcase')
}
