// @ts-check
/** Small helpers every part of the local Cognito shares: copies, compact objects, random IDs. */
import { randomInt } from 'node:crypto'

/** Lower-case letters and digits: client IDs and secrets, CloudFront distribution names. */
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** Letters and digits: the suffix of a user pool ID. */
export const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** @param {string} alphabet @param {number} n */
export function randomString(alphabet, n) {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)]
  return s
}

/** A deep copy, so that no caller shares state with the backend. @template T @param {T} v @returns {T} */
export const clone = (v) => (v === undefined ? v : structuredClone(v))

/** A copy without the undefined members. @param {Record<string, unknown>} o */
export function compact(o) {
  /** @type {Record<string, any>} */
  const out = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = clone(v)
  return out
}

/** @param {unknown} v */
export const isEmptyList = (v) => Array.isArray(v) && v.length === 0
