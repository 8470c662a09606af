import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { unsafeLinks } from '@/lib/docs/links'

/** A link to a script URL (`javascript:` …) in a page's body is refused, naming the field. */
export const refuseUnsafeLinks: CollectionBeforeValidateHook = ({ data }) => {
  const [first] = unsafeLinks(data?.body)
  if (first !== undefined) {
    throw new ValidationError({
      collection: 'docs-pages',
      errors: [
        {
          path: 'body',
          message: `Links may go to web pages (http or https), mail or this site, not to "${first.slice(0, 40)}".`,
        },
      ],
    })
  }
  return data
}
