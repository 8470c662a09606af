import { notFound } from 'next/navigation'

/** Any URL no portal page answers: the portal's own not-found page, inside the shell. */
export default function MissingPage() {
  notFound()
}
