// Parsers of the pool settings' inputs: non-empty raw string → value, pushing every problem (each
// names the input, the rule and the fix). Pure.
import type { RecoveryOptionType } from '@aws-sdk/client-cognito-identity-provider'
import { SES_IDENTITY_RESOURCE, checkArn, parseArn } from '../../inputs/arns.js'
import { splitList } from '../../util/lists.js'
import { quote as q } from '../../util/text.js'
import { pairs, type Tier } from '../shared/catalogue.js'

export function parseTier(raw: string, problems: string[]): Tier | undefined {
  const v = raw.toLowerCase()
  if (v === 'lite' || v === 'essentials' || v === 'plus') return v.toUpperCase() as Tier
  problems.push(`feature-plan: ${q(raw)} is not a Cognito feature plan; use lite, essentials or plus`)
  return undefined
}

export interface SignIn {
  /** UsernameAttributes: the user signs in with these instead of a user name. */
  username: string[]
  /** AliasAttributes: the user has a user name and may also sign in with these. */
  alias: string[]
}

const SIGN_IN_WORDS: Record<string, string> = { email: 'email', phone: 'phone_number', phone_number: 'phone_number', preferred_username: 'preferred_username' }

export function parseSignIn(raw: string, problems: string[]): SignIn | undefined {
  const words = splitList(raw.toLowerCase())
  const bad = words.filter((w) => w !== 'username' && !(w in SIGN_IN_WORDS))
  if (bad.length > 0 || words.length === 0) {
    problems.push(
      `sign-in-identifiers: ${q(raw)} must list email, phone, username and/or preferred_username ` +
        `(${bad.length ? `not ${bad.map(q).join(', ')}` : 'none given'}), e.g. sign-in-identifiers: email`,
    )
    return undefined
  }
  const attrs = words.filter((w) => w !== 'username').map((w) => SIGN_IN_WORDS[w] ?? w)
  if (words.includes('username')) return { username: [], alias: [...new Set(attrs)] }
  if (attrs.includes('preferred_username')) {
    problems.push(
      'sign-in-identifiers: preferred_username is only an alias of a user name; add username, e.g. sign-in-identifiers: username, preferred_username',
    )
    return undefined
  }
  return { username: [...new Set(attrs)], alias: [] }
}

/** Standard string attributes a pool can require at sign-up. */
export const REQUIRABLE_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'website',
  'zoneinfo',
] as const

export function parseRequiredAttributes(raw: string, problems: string[]): string[] | undefined {
  const names = splitList(raw)
  const bad = names.filter((n) => !(REQUIRABLE_ATTRIBUTES as readonly string[]).includes(n))
  if (bad.length > 0 || names.length === 0) {
    problems.push(
      `required-attributes: ${bad.length ? `${bad.map(q).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not` : 'lists no'} standard attribute` +
        ` that can be required; use some of ${REQUIRABLE_ATTRIBUTES.join(', ')}, e.g. required-attributes: email, name`,
    )
    return undefined
  }
  return names
}

export interface PasswordPolicy {
  minLength: number
  uppercase: boolean
  lowercase: boolean
  numbers: boolean
  symbols: boolean
  temporaryDays: number
  /** Omitted: left as it is. */
  history?: number
}

const CLASSES = ['uppercase', 'lowercase', 'numbers', 'symbols'] as const
const PASSWORD_SYNTAX = 'e.g. password-policy: min-length=12, uppercase, lowercase, numbers, symbols, temporary-password-days=7, history=5'

function wholeNumber(name: string, key: string, value: string | undefined, min: number, max: number, problems: string[]): number | undefined {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isNaN(n) || n < min || n > max) {
    problems.push(`${name}: ${key}=${value ?? ''} must be a whole number from ${min} to ${max}`)
    return undefined
  }
  return n
}

export function parsePasswordPolicy(raw: string, problems: string[]): PasswordPolicy | undefined {
  const before = problems.length
  const policy: PasswordPolicy = { minLength: 8, uppercase: false, lowercase: false, numbers: false, symbols: false, temporaryDays: 7 }
  for (const [key, value] of pairs(raw)) {
    if ((CLASSES as readonly string[]).includes(key) && value === undefined) {
      policy[key as (typeof CLASSES)[number]] = true
    } else if (key === 'min-length') {
      policy.minLength = wholeNumber('password-policy', key, value, 6, 99, problems) ?? policy.minLength
    } else if (key === 'temporary-password-days') {
      policy.temporaryDays = wholeNumber('password-policy', key, value, 0, 365, problems) ?? policy.temporaryDays
    } else if (key === 'history') {
      const h = wholeNumber('password-policy', key, value, 0, 24, problems)
      if (h !== undefined) policy.history = h
    } else {
      problems.push(
        `password-policy: ${q(key)} is not understood; use min-length=N, uppercase, lowercase, numbers, symbols, temporary-password-days=N, history=N (${PASSWORD_SYNTAX})`,
      )
    }
  }
  return problems.length > before ? undefined : policy
}

const RECOVERY: Record<string, RecoveryOptionType['Name']> = { email: 'verified_email', phone: 'verified_phone_number', 'admin-only': 'admin_only' }

export function parseAccountRecovery(raw: string, problems: string[]): RecoveryOptionType[] | undefined {
  const words = splitList(raw.toLowerCase())
  const bad = words.filter((w) => !(w in RECOVERY))
  if (bad.length > 0 || words.length === 0 || words.length > 2 || (words.includes('admin-only') && words.length > 1)) {
    problems.push(`account-recovery: ${q(raw)} must be email, phone, 'email, phone' or 'phone, email' (in priority order), or admin-only alone`)
    return undefined
  }
  return words.map((w, i) => ({ Name: RECOVERY[w], Priority: i + 1 }))
}

export type EmailSender =
  { account: 'COGNITO_DEFAULT' } | { account: 'DEVELOPER'; sourceArn: string; from?: string; replyTo?: string; configurationSet?: string }

/** email-sender's ses-identity (its partition is checked against the region by the pool's parse). */
export const SES_IDENTITY_RULE = {
  input: 'email-sender: ses-identity',
  what: 'an SES identity ARN',
  example: 'e.g. arn:aws:ses:eu-west-1:123456789012:identity/example.com',
  service: 'ses',
  resource: SES_IDENTITY_RESOURCE,
}

/** ReplyToEmailAddress is the model's EmailAddressType: [\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+. */
const EMAIL_ADDRESS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u
/** model SESConfigurationSet: min 1, max 64, pattern ^[a-zA-Z0-9_-]+$. */
export const SES_CONFIGURATION_SET = /^[a-zA-Z0-9_-]{1,64}$/

const EMAIL_SYNTAX = 'use cognito, or ses-identity=<SES identity ARN> with optional from=, reply-to= and configuration-set='

export function parseEmailSender(raw: string, problems: string[]): EmailSender | undefined {
  if (raw.trim().toLowerCase() === 'cognito') return { account: 'COGNITO_DEFAULT' }
  const before = problems.length
  const fields: Record<string, string> = {}
  for (const [key, value] of pairs(raw)) {
    if (!['ses-identity', 'from', 'reply-to', 'configuration-set'].includes(key) || value === undefined || value === '') {
      problems.push(`email-sender: ${q(key)} is not understood; ${EMAIL_SYNTAX}`)
    } else if (/\p{Cc}/u.test(value)) {
      problems.push(`email-sender: ${key} contains control characters; remove them`)
    } else if (key === 'reply-to' && !EMAIL_ADDRESS.test(value)) {
      problems.push(
        `email-sender: reply-to ${q(value)} is not an e-mail address Cognito takes (no spaces or invisible characters, one '@'); e.g. reply-to=support@example.com`,
      )
    } else {
      fields[key] = value
    }
  }
  const configurationSet = fields['configuration-set']
  // model SESConfigurationSet: 1 to 64 of letters, digits, _ and - (AWSB-220), refused before any call.
  if (configurationSet !== undefined && !SES_CONFIGURATION_SET.test(configurationSet)) {
    problems.push(
      `email-sender: configuration-set ${q(configurationSet)} is not an SES configuration set name: 1 to 64 letters, digits, _ or - ` +
        "(no dots or spaces); give the name of a configuration set of the SES identity's account and region, e.g. configuration-set=cognito-mail",
    )
  }
  const sourceArn = fields['ses-identity']
  if (sourceArn === undefined) problems.push(`email-sender: no ses-identity given; ${EMAIL_SYNTAX}`)
  else checkArn(sourceArn, SES_IDENTITY_RULE, problems)
  if (problems.length > before || sourceArn === undefined) return undefined
  return {
    account: 'DEVELOPER',
    sourceArn,
    ...(fields.from ? { from: fields.from } : {}),
    ...(fields['reply-to'] ? { replyTo: fields['reply-to'] } : {}),
    ...(fields['configuration-set'] ? { configurationSet: fields['configuration-set'] } : {}),
  }
}

/**
 * The SES Regions a pool may send through besides its own: the three Regions the Amazon Cognito
 * Developer Guide ("Email settings for Amazon Cognito user pools", Amazon SES email configuration
 * Regions) once required and still lists as alternates for the Regions that had them (AWSB-221).
 */
export const LEGACY_SES_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const

/**
 * The SES identity's Region against the pool's (AWSB-221): 'same'; 'legacy' (another Region, one of the
 * three alternates: accepted for some pool Regions, so a warning); 'refused' (any other Region, which no
 * source lets a pool use). Undefined when either Region is unknown.
 */
export function sesRegionFit(sourceArn: string, poolRegion: string): 'same' | 'legacy' | 'refused' | undefined {
  const region = parseArn(sourceArn)?.region
  if (!region || !poolRegion) return undefined
  if (region === poolRegion) return 'same'
  return (LEGACY_SES_REGIONS as readonly string[]).includes(region) ? 'legacy' : 'refused'
}

/** The problem of an SES identity in a Region the pool cannot use (AWSB-221), if any. */
export function sesRegionProblem(sourceArn: string, poolRegion: string): string | undefined {
  if (sesRegionFit(sourceArn, poolRegion) !== 'refused') return undefined
  const region = parseArn(sourceArn)?.region ?? ''
  return (
    `email-sender: ses-identity is in ${region}, but the user pool is in ${poolRegion}, and Cognito sends mail only through SES in the pool's own Region ` +
    `(or, for some Regions, ${LEGACY_SES_REGIONS.join(', ')}); verify the identity in SES in ${poolRegion} and give that ARN (arn:aws:ses:${poolRegion}:<account>:identity/<name>)`
  )
}

/** The warning of an SES identity in one of the alternate Regions (AWSB-221), if any. */
export function sesRegionWarning(sourceArn: string, poolRegion: string): string | undefined {
  if (sesRegionFit(sourceArn, poolRegion) !== 'legacy') return undefined
  const region = parseArn(sourceArn)?.region ?? ''
  return (
    `email-sender: ses-identity is in ${region}, not in the pool's Region ${poolRegion}; Cognito accepts ${region} only for the pool Regions the ` +
    `"Amazon SES email configuration Regions" table of the Cognito Developer Guide maps to it, and refuses it otherwise: an identity in ${poolRegion} always works`
  )
}
