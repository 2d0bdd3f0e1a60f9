#!/usr/bin/env node
// @ts-check
// Deletes the user pools that integration runs (.github/workflows/integration.yml) left behind: a run
// that was cancelled, or timed out, before its destroy step ran. A pool is swept only when all three
// hold: its name starts with the integration prefix (sso-action-it-), it carries the tag
// managed-by: cognito-sso-action, and it was created more than --older-than-hours ago (24: no pool of
// a run still going is touched). Nothing else is ever deleted. For each pool: delete its domains
// (prefix and custom), turn deletion protection off (read-merge-write, as the action's destroy does),
// delete the pool (its clients, branding styles, identity providers and resource servers go with it).
//
//   node scripts/sweep-integration.js [--dry-run] [--older-than-hours 24] [--prefix sso-action-it-]
//                                     [--region us-east-1] [--now 2026-12-01T00:00:00Z]
//
// The region is --region, else AWS_REGION / AWS_DEFAULT_REGION; AWS_ENDPOINT_URL points the AWS SDK at
// another endpoint (the local Cognito, in the tests). --now replaces the clock (for the tests).
// IAM: SWEEPER_ACTIONS below (all in docs/iam.md's destroy policy); scripts/iam-templates.js puts them
// in the integration role.
import {
  CognitoIdentityProviderClient,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  paginateListUserPools,
} from '@aws-sdk/client-cognito-identity-provider'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const INTEGRATION_PREFIX = 'sso-action-it-'
export const MANAGED_TAG = { key: 'managed-by', value: 'cognito-sso-action' }
/** Every call the sweeper makes (the integration role allows them; each is in docs/iam.md's destroy policy). */
export const SWEEPER_ACTIONS = [
  'cognito-idp:ListUserPools',
  'cognito-idp:DescribeUserPool',
  'cognito-idp:DeleteUserPoolDomain',
  'cognito-idp:UpdateUserPool',
  'cognito-idp:DeleteUserPool',
]

/**
 * The members UpdateUserPool takes, from AWS's model of the API (the copy in tools/local-cognito/model):
 * UpdateUserPool resets every member it is not sent, so the request carries each one the pool has.
 */
const UPDATABLE = Object.keys(
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'local-cognito', 'model', 'service-2.json'), 'utf8')).shapes
    .UpdateUserPoolRequest.members,
).filter((m) => m !== 'UserPoolId')

/**
 * The UpdateUserPool request that turns deletion protection off and carries everything else as it is.
 * @param {Record<string, any>} pool a DescribeUserPool answer's UserPool
 */
export function protectionOffRequest(pool) {
  /** @type {Record<string, any>} */
  const request = { UserPoolId: pool.Id }
  for (const key of UPDATABLE) {
    const value = key === 'PoolName' ? pool.Name : pool[key]
    if (value !== undefined) request[key] = value
  }
  request.DeletionProtection = 'INACTIVE'
  // Cognito refuses the deprecated UnusedAccountValidityDays next to TemporaryPasswordValidityDays.
  if (request.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined && request.AdminCreateUserConfig) {
    const rest = { ...request.AdminCreateUserConfig }
    delete rest.UnusedAccountValidityDays
    request.AdminCreateUserConfig = rest
  }
  return request
}

/** @param {unknown} date a Date, epoch seconds, or an ISO string (what the SDK or a test gives) */
function epochMs(date) {
  if (date instanceof Date) return date.getTime()
  if (typeof date === 'number') return date * 1000
  if (typeof date === 'string') return Date.parse(date)
  return NaN
}

/**
 * @typedef {{ id: string, name: string, created: string, domains: string[], protected: boolean }} Swept
 * @typedef {{ swept: Swept[], kept: { name: string, why: string }[], errors: string[] }} SweepResult
 */

/**
 * Finds the integration leftovers and (unless dryRun) deletes them.
 * @param {{ client: CognitoIdentityProviderClient, now: number, olderThanMs: number, prefix?: string, dryRun?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<SweepResult>}
 */
export async function sweep({ client, now, olderThanMs, prefix = INTEGRATION_PREFIX, dryRun = false, log = () => {} }) {
  if (!prefix) throw new Error('sweep: an empty prefix would match every pool')
  /** @type {SweepResult} */
  const result = { swept: [], kept: [], errors: [] }
  /** @type {{ Id: string, Name: string, CreationDate: unknown }[]} */
  const candidates = []
  for await (const page of paginateListUserPools({ client, pageSize: 60 }, { MaxResults: 60 })) {
    for (const p of page.UserPools ?? []) {
      if (!p.Id || !p.Name?.startsWith(prefix)) continue
      const created = epochMs(p.CreationDate)
      if (!(now - created > olderThanMs)) {
        result.kept.push({ name: p.Name, why: Number.isNaN(created) ? 'no creation date' : 'not old enough' })
        continue
      }
      candidates.push({ Id: p.Id, Name: p.Name, CreationDate: p.CreationDate })
    }
  }
  for (const candidate of candidates) {
    const name = candidate.Name
    try {
      const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: candidate.Id }))
      const pool = /** @type {Record<string, any> | undefined} */ (described.UserPool)
      if (!pool) throw new Error('DescribeUserPool answered without the pool')
      if (pool.UserPoolTags?.[MANAGED_TAG.key] !== MANAGED_TAG.value) {
        result.kept.push({ name, why: `no tag ${MANAGED_TAG.key}: ${MANAGED_TAG.value}` })
        continue
      }
      /** @type {string[]} */
      const domains = [pool.Domain, pool.CustomDomain].filter((d) => typeof d === 'string' && d !== '')
      const entry = {
        id: candidate.Id,
        name,
        created: new Date(epochMs(candidate.CreationDate)).toISOString(),
        domains,
        protected: pool.DeletionProtection === 'ACTIVE',
      }
      const what = `${name} (created ${entry.created}${domains.length ? `, domains ${domains.join(', ')}` : ''}${entry.protected ? ', deletion protection on' : ''})`
      if (dryRun) {
        log(`would delete ${what}`)
        result.swept.push(entry)
        continue
      }
      for (const domain of domains) await client.send(new DeleteUserPoolDomainCommand({ UserPoolId: candidate.Id, Domain: domain }))
      if (entry.protected) await client.send(new UpdateUserPoolCommand(/** @type {any} */ (protectionOffRequest(pool))))
      await client.send(new DeleteUserPoolCommand({ UserPoolId: candidate.Id }))
      log(`deleted ${what}`)
      result.swept.push(entry)
    } catch (error) {
      const e = /** @type {{ name?: string, message?: string }} */ (error)
      if (e.name === 'ResourceNotFoundException') {
        result.kept.push({ name, why: 'gone already' })
        continue
      }
      const line = `${name}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`
      log(`failed ${line}`)
      result.errors.push(line)
    }
  }
  return result
}

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {{ dryRun: boolean, olderThanHours: number, prefix: string, region?: string, now?: number }} */
  const options = { dryRun: false, olderThanHours: 24, prefix: INTEGRATION_PREFIX }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--older-than-hours') {
      const hours = Number(value())
      if (!Number.isFinite(hours) || hours < 1) throw new Error('--older-than-hours must be a number of hours, at least 1')
      options.olderThanHours = hours
    } else if (arg === '--prefix') {
      const prefix = value()
      if (!/^[\w+=,.@-]{4,}$/.test(prefix)) throw new Error(`--prefix '${prefix}' must be at least 4 characters of a pool name`)
      options.prefix = prefix
    } else if (arg === '--region') options.region = value()
    else if (arg === '--now') {
      const now = Date.parse(value())
      if (Number.isNaN(now)) throw new Error('--now must be a date, e.g. 2026-12-01T00:00:00Z')
      options.now = now
    } else throw new Error(`unknown argument ${arg}; see the header of scripts/sweep-integration.js`)
  }
  return options
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let options
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`sweep-integration: ${/** @type {Error} */ (error).message}`)
    process.exit(2)
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION
  if (!region) {
    console.error('sweep-integration: no region; pass --region or set AWS_REGION')
    process.exit(2)
  }
  // Adaptive retries, 8 attempts, as the action's own client; AWS_MAX_ATTEMPTS / AWS_RETRY_MODE override.
  const client = new CognitoIdentityProviderClient({
    region,
    maxAttempts: Number(process.env.AWS_MAX_ATTEMPTS) || 8,
    retryMode: process.env.AWS_RETRY_MODE || 'adaptive',
  })
  const now = options.now ?? Date.now()
  console.log(
    `Sweeping ${region}: pools named ${options.prefix}*, tagged ${MANAGED_TAG.key}: ${MANAGED_TAG.value}, created before ${new Date(now - options.olderThanHours * 3600_000).toISOString()}${options.dryRun ? ' (dry run: nothing is deleted)' : ''}`,
  )
  const result = await sweep({ client, now, olderThanMs: options.olderThanHours * 3600_000, prefix: options.prefix, dryRun: options.dryRun, log: console.log })
  for (const k of result.kept) console.log(`kept ${k.name}: ${k.why}`)
  console.log(`${options.dryRun ? 'Would delete' : 'Deleted'} ${result.swept.length} pool(s); ${result.errors.length} failed.`)
  if (result.errors.length > 0) process.exitCode = 1
}
