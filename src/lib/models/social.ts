import { APIError, ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { seesModel } from '@/access/modelAccess'

import { personId } from '../accounts'

/**
 * Before a star, rating or comment is created: the model must be one the person sees (an id in
 * the body naming a private model finds nothing), and the document is theirs whatever the body
 * says. `field` is where the person goes (`user`, `author`).
 */
export const onVisibleModelAs =
  (collection: string, field: string): CollectionBeforeValidateHook =>
  async ({ data, operation, req }) => {
    if (operation !== 'create' || !data) return data
    const person = personId(req.user)
    if (!person) throw new APIError('Sign in as a person to do this.', 403, undefined, true)
    if (!(await seesModel(req, data.model))) {
      throw new ValidationError({
        collection,
        errors: [{ path: 'model', message: 'No model you can see has this id.' }],
      })
    }
    data[field] = person
    return data
  }
