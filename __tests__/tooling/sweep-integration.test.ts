// scripts/sweep-integration.js against the local Cognito, run as the workflow runs it (node, over HTTP,
// AWS_ENDPOINT_URL): pools of several ages, names and tags, their creation dates set by the test (no wall
// clock: --now is a fixed date and each pool's CreationDate is set relative to it). Only pools that are
// older than a day, named sso-action-it-* AND tagged managed-by: cognito-sso-action are deleted, with their
// domains and despite deletion protection; the dry run deletes nothing; every call is one the sweeper
// declares (SWEEPER_ACTIONS, which the integration role gets).
import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { localCognitoEnv } from '../../tools/local-env.js'
import { policiesOf } from '../../scripts/iam-templates.js'
import { SWEEPER_ACTIONS, parseArgs, protectionOffRequest } from '../../scripts/sweep-integration.js'

type LocalCognito = Awaited<ReturnType<typeof startLocalCognito>>

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'sweep-integration.js')
const NOW = Date.parse('2026-12-01T12:00:00Z')
const HOUR = 3600
const MANAGED = { 'managed-by': 'cognito-sso-action' }
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

interface Seed {
  name: string
  ageHours: number
  tags?: Record<string, string>
  domain?: string
  customDomain?: string
  protectedPool?: boolean
}

async function seed(lc: LocalCognito, s: Seed): Promise<string> {
  const out = await lc.invoke('CreateUserPool', {
    PoolName: s.name,
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    ...(s.tags ? { UserPoolTags: s.tags } : {}),
    ...(s.protectedPool ? { DeletionProtection: 'ACTIVE' } : {}),
    // What a wizard leg leaves: a password policy and TemporaryPasswordValidityDays, which the sweeper's
    // read-merge-write must carry without the deprecated UnusedAccountValidityDays.
    Policies: { PasswordPolicy: { MinimumLength: 12, TemporaryPasswordValidityDays: 3 } },
  })
  const id = out.UserPool.Id as string
  if (s.domain) await lc.invoke('CreateUserPoolDomain', { UserPoolId: id, Domain: s.domain })
  if (s.customDomain) await lc.invoke('CreateUserPoolDomain', { UserPoolId: id, Domain: s.customDomain, CustomDomainConfig: { CertificateArn: CERT } })
  lc.setPoolCreationDate(id, NOW / 1000 - s.ageHours * HOUR)
  return id
}

async function poolNames(lc: LocalCognito): Promise<string[]> {
  const names: string[] = []
  let token: string | undefined
  do {
    const page = await lc.invoke('ListUserPools', { MaxResults: 60, ...(token ? { NextToken: token } : {}) })
    names.push(...(page.UserPools ?? []).map((p: { Name: string }) => p.Name))
    token = page.NextToken
  } while (token)
  return names.sort()
}

/** Runs the script in its own process (asynchronously: the local Cognito answers from this one). */
function runSweeper(lc: LocalCognito, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', ...localCognitoEnv(lc), AWS_MAX_ATTEMPTS: '1' }
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [SCRIPT, '--now', new Date(NOW).toISOString(), ...args],
      { env, encoding: 'utf8', timeout: 30_000 },
      (_e, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    )
  })
}

const SEEDS: Seed[] = [
  { name: 'sso-action-it-101-1-minimal', ageHours: 30, tags: MANAGED, domain: 'sso-action-it-101-1-minimal' },
  { name: 'sso-action-it-101-1-custom-domain', ageHours: 48, tags: MANAGED, customDomain: 'auth.it.example.com', protectedPool: true },
  { name: 'sso-action-it-101-1-destroy-guards', ageHours: 24 * 9, tags: { ...MANAGED, 'cognito-sso-action:run': 'x' }, protectedPool: true },
  // kept: too young (a run still going), exactly a day (not older than a day)
  { name: 'sso-action-it-202-1-minimal', ageHours: 2, tags: MANAGED, domain: 'sso-action-it-202-1-minimal' },
  { name: 'sso-action-it-202-1-wizard', ageHours: 24, tags: MANAGED },
  // kept: not tagged by the action (the destroy-guard leg's hand-made pool; another tool's pool)
  { name: 'sso-action-it-101-1-destroy-guards-by-hand', ageHours: 30, tags: { 'integration-run': '101' } },
  { name: 'sso-action-it-101-1-other-tag', ageHours: 30, tags: { 'managed-by': 'terraform' } },
  // kept: tagged, old, but not an integration pool
  { name: 'openmetadata', ageHours: 24 * 90, tags: MANAGED, domain: 'acme-openmetadata' },
  { name: 'app-sso-action-it-101', ageHours: 30, tags: MANAGED },
]
const SWEPT = ['sso-action-it-101-1-custom-domain', 'sso-action-it-101-1-destroy-guards', 'sso-action-it-101-1-minimal']

describe('scripts/sweep-integration.js against the local Cognito', () => {
  let lc: LocalCognito
  beforeEach(async () => {
    lc = await startLocalCognito({ port: 0, region: 'us-east-1' })
  })
  afterEach(async () => {
    await lc.close()
  })

  it('deletes only old, tagged, prefixed pools, with their domains and despite deletion protection, under its declared IAM actions', async () => {
    for (const s of SEEDS) await seed(lc, s)
    const before = await poolNames(lc)
    lc.allowOperations = SWEEPER_ACTIONS.map((a) => a.replace(/^cognito-idp:/, ''))
    const r = await runSweeper(lc, [])
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(await poolNames(lc)).toEqual(before.filter((n) => !SWEPT.includes(n)))
    for (const name of SWEPT) expect(r.stdout).toMatch(new RegExp(`^deleted ${name} \\(created `, 'm'))
    expect(r.stdout).toContain('deleted sso-action-it-101-1-minimal (created 2026-11-30T06:00:00.000Z, domains sso-action-it-101-1-minimal)')
    expect(r.stdout).toContain(
      'deleted sso-action-it-101-1-custom-domain (created 2026-11-29T12:00:00.000Z, domains auth.it.example.com, deletion protection on)',
    )
    expect(r.stdout).toContain('kept sso-action-it-202-1-wizard: not old enough')
    expect(r.stdout).toContain('kept sso-action-it-101-1-destroy-guards-by-hand: no tag managed-by: cognito-sso-action')
    expect(r.stdout).toContain('Deleted 3 pool(s); 0 failed.')
    expect(r.stdout).not.toContain('openmetadata')
    // The domains went first (a pool with a domain cannot be deleted), and they are free again.
    const owner = async (Domain: string): Promise<unknown> => (await lc.invoke('DescribeUserPoolDomain', { Domain })).DomainDescription?.UserPoolId
    expect(await owner('sso-action-it-101-1-minimal')).toBeUndefined()
    expect(await owner('auth.it.example.com')).toBeUndefined()
    expect(await owner('acme-openmetadata')).toBeDefined()
    // Every call was allowed (nothing denied), and writes touched only the swept pools.
    expect(lc.calls.filter((c) => c.error?.code === 'AccessDeniedException')).toEqual([])
    const writes = lc.writeCalls().map((c) => c.operation)
    expect(writes.filter((o) => o === 'DeleteUserPool')).toHaveLength(3)
    expect(writes.filter((o) => o === 'DeleteUserPoolDomain')).toHaveLength(2)
    expect(writes.filter((o) => o === 'UpdateUserPool')).toHaveLength(2)
    // Describe only for prefixed pools old enough (cost bound by the leftovers, not the account).
    expect(lc.calls.filter((c) => c.operation === 'DescribeUserPool')).toHaveLength(5)
    expect(lc.contractViolations).toEqual([])
  })

  it('turns protection off with the whole configuration (UpdateUserPool resets what it is not sent)', async () => {
    const id = await seed(lc, { name: 'sso-action-it-303-1-wizard', ageHours: 30, tags: MANAGED, protectedPool: true })
    const described = (await lc.invoke('DescribeUserPool', { UserPoolId: id })).UserPool
    const request = protectionOffRequest(described)
    expect(request).toMatchObject({
      UserPoolId: id,
      DeletionProtection: 'INACTIVE',
      UserPoolTags: MANAGED,
      Policies: { PasswordPolicy: expect.objectContaining({ MinimumLength: 12, TemporaryPasswordValidityDays: 3 }) },
    })
    expect(request.AdminCreateUserConfig).not.toHaveProperty('UnusedAccountValidityDays')
    await lc.invoke('UpdateUserPool', request)
    const after = (await lc.invoke('DescribeUserPool', { UserPoolId: id })).UserPool
    expect(after.DeletionProtection).toBe('INACTIVE')
    expect(after.Policies.PasswordPolicy.MinimumLength).toBe(12)
  })

  it('--dry-run says what it would delete and writes nothing', async () => {
    for (const s of SEEDS) await seed(lc, s)
    const before = await poolNames(lc)
    const r = await runSweeper(lc, ['--dry-run'])
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain('(dry run: nothing is deleted)')
    for (const name of SWEPT) expect(r.stdout).toMatch(new RegExp(`^would delete ${name} \\(created `, 'm'))
    expect(r.stdout).toContain('Would delete 3 pool(s); 0 failed.')
    expect(lc.writeCalls()).toEqual([])
    expect(await poolNames(lc)).toEqual(before)
  })

  it('pages through ListUserPools (more than 60 pools) and honours --older-than-hours', async () => {
    for (let i = 0; i < 64; i++) await seed(lc, { name: `other-pool-${i}`, ageHours: 100, tags: MANAGED })
    await seed(lc, { name: 'sso-action-it-404-1-minimal', ageHours: 30, tags: MANAGED })
    await seed(lc, { name: 'sso-action-it-404-1-wizard', ageHours: 50, tags: MANAGED })
    const r = await runSweeper(lc, ['--older-than-hours', '48'])
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain('deleted sso-action-it-404-1-wizard')
    expect(r.stdout).toContain('kept sso-action-it-404-1-minimal: not old enough')
    expect(lc.calls.filter((c) => c.operation === 'ListUserPools').length).toBeGreaterThan(1)
    expect((await poolNames(lc)).filter((n) => n.startsWith('sso-action-it-'))).toEqual(['sso-action-it-404-1-minimal'])
  })

  it('reports a pool it could not delete, goes on with the others, and exits 1', async () => {
    await seed(lc, { name: 'sso-action-it-505-1-a', ageHours: 30, tags: MANAGED })
    await seed(lc, { name: 'sso-action-it-505-1-b', ageHours: 30, tags: MANAGED })
    lc.faults.add({ operation: 'DeleteUserPool', kind: 'server-error', times: 1 })
    const r = await runSweeper(lc, [])
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^failed sso-action-it-505-1-a: InternalErrorException/m)
    expect(r.stdout).toContain('deleted sso-action-it-505-1-b')
    expect(r.stdout).toContain('Deleted 1 pool(s); 1 failed.')
  })

  it("declares only calls of docs/iam.md's destroy policy", () => {
    const destroy = (policiesOf().destroy?.Statement ?? []).flatMap((st) => st.Action)
    for (const action of SWEEPER_ACTIONS) expect(destroy, action).toContain(action)
  })

  it('refuses unknown arguments, a too-short prefix and a sub-hour age', () => {
    expect(() => parseArgs(['--prefix', 'ss'])).toThrow(/at least 4 characters/)
    expect(() => parseArgs(['--older-than-hours', '0'])).toThrow(/at least 1/)
    expect(() => parseArgs(['--everything'])).toThrow(/unknown argument/)
    expect(parseArgs([])).toEqual({ dryRun: false, olderThanHours: 24, prefix: 'sso-action-it-' })
    expect(() => parseArgs(['--older-than-hours'])).toThrow('--older-than-hours needs a value')
    const r = spawnSync(process.execPath, [SCRIPT, '--prefix', ''], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("sweep-integration: --prefix '' must be at least 4 characters")
  })
})
