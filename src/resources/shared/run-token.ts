// Which pools this action made, and in which run; and "the oldest wins" when runs raced. Pure.
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/types.js'

/** The tag whose value is the token of the run that created the pool. */
export const RUN_TAG_KEY = 'cognito-sso-action:run'

interface Tagged {
  UserPoolTags?: Record<string, string>
}

/** The pool carries `managed-by: cognito-sso-action`. */
export const isManaged = (pool: Tagged): boolean => pool.UserPoolTags?.[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE

/** The pool was created by the run with this token. */
export const madeBy = (pool: Tagged, token: string): boolean => pool.UserPoolTags?.[RUN_TAG_KEY] === token

export const millis = (date: Date | undefined): number => (date instanceof Date ? date.getTime() : 0)

/** Oldest first: creation date, then ID. */
export function byAge<T>(created: (x: T) => number, id: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => created(a) - created(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)
}
