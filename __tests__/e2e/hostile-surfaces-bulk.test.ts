/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// Issue 16, case 7: bulk creates against a local Cognito that enforces AWS's request-rate quotas
// (tools/local-cognito/rate-limit.js: UserCreation 50 RPS; UserPoolResourceUpdate 15 RPS and 5 RPS per
// operation per pool, so CreateIdentityProvider at most 5 a second in one pool; "Quotas in Amazon Cognito").
// 300 identity providers (the default per-pool quota) and 1,000 invited users converge in ONE run; the plan
// for them is one pull-request comment under GitHub's 65,536-character limit; a failure names the item and
// the next run finishes the job.
//
// Time: the quotas run on the wall clock here, which cannot make a correct action fail: load only slows the
// action, and a slower client meets fewer refusals. What the tests assert (everything created, one run, the
// item named) does not depend on timing; only their duration does (a paced action needs at least 300 / 5 =
// 60 s for the providers, as it would against AWS), hence the long time bounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { COMMENT_BODY_MAX, FakeGitHub } from '../support/fake-github.js'
import { NODES, countOf, describeClient, expectExit, idsOf, inputsFor, poolIdsNamed, run, withLc, type LocalCognito } from './helpers.js'

const RUN_MS = 240_000
// More than 50 invitations a day need the pool's own Amazon SES: Cognito's default email sends at most 50 a
// day per account (AWSB-203), and the action refuses a run that would send more with it. These pools send
// through SES, as a production pool inviting 1,000 users must.
const SES = 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/bulk.example.com, from=no-reply@bulk.example.com'
const TEST_MS = 560_000

const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const providerName = (i: number): string => `idp-${pad(i, 3)}`
const address = (i: number): string => `user-${pad(i, 4)}@bulk.example.com`

/**
 * `count` OIDC providers, each with its own client and secret, all at `issuer`: one AWS can discover (AWS,
 * and so the local Cognito, refuses an OIDC provider whose issuer it cannot discover: AWSB-085), the fake IdP's.
 */
function providersYaml(count: number, issuer: string): string {
  const lines: string[] = []
  for (let i = 1; i <= count; i++) {
    lines.push(
      `- name: ${providerName(i)}`,
      '  type: oidc',
      `  issuer: ${issuer}`,
      `  client-id: app-${pad(i, 3)}`,
      `  client-secret: secret-${pad(i, 3)}-bulk-Value`,
      '  scopes: [openid, email]',
    )
  }
  return lines.join('\n')
}

const addresses = (count: number): string[] => Array.from({ length: count }, (_, i) => address(i + 1))

async function providerNames(lc: LocalCognito, poolId: string): Promise<string[]> {
  const names: string[] = []
  let token: string | undefined
  do {
    const page = await lc.invoke('ListIdentityProviders', { UserPoolId: poolId, MaxResults: 60, ...(token ? { NextToken: token } : {}) })
    names.push(...page.Providers.map((p: any) => p.ProviderName))
    token = page.NextToken
  } while (token)
  return names.sort()
}

async function userEmails(lc: LocalCognito, poolId: string): Promise<string[]> {
  const emails: string[] = []
  let token: string | undefined
  do {
    const page = await lc.invoke('ListUsers', { UserPoolId: poolId, Limit: 60, ...(token ? { PaginationToken: token } : {}) })
    emails.push(...page.Users.map((u: any) => u.Attributes.find((a: any) => a.Name === 'email')?.Value))
    token = page.PaginationToken
  } while (token)
  return emails.sort()
}

const succeeded = (lc: LocalCognito, operation: string): number => lc.calls.filter((c) => c.operation === operation && c.status === 200).length

/** Each test has a local Cognito of its own (an AWS account of its own, at AWS's real rates), so that the tests can run at once. */
const QUOTAS = { rateLimit: {} }

describe.each(NODES)('issue 16 under %s', (_label, node) => {
  let idp: Awaited<ReturnType<typeof startFakeIdp>>
  beforeAll(async () => {
    idp = await startFakeIdp()
  })
  afterAll(async () => {
    await idp.close()
  })

  // Concurrent: each test waits on AWS's rates (300 providers take a minute at 5 a second) in its own account,
  // so the file takes as long as its longest test, not their sum.
  describe.concurrent('case 7: bulk creates pace themselves under AWS’s request-rate quotas', () => {
    it(
      '300 identity providers (Cognito’s default per-pool maximum) converge in one run',
      () =>
        withLc(QUOTAS, async (lc) => {
          const r = await run(node, lc, inputsFor('bulk-idp', { 'federated-providers': providersYaml(300, idp.oidcIssuer) }), { timeoutMs: RUN_MS })
          expectExit(r, 0)
          const { poolId, clientId } = idsOf(r)
          const want = Array.from({ length: 300 }, (_, i) => providerName(i + 1)).sort()
          expect(await providerNames(lc, poolId)).toEqual(want)
          expect(succeeded(lc, 'CreateIdentityProvider'), 'one successful create per provider').toBe(300)
          expect(((await describeClient(lc, poolId, clientId)).SupportedIdentityProviders as string[]).sort()).toEqual(['COGNITO', ...want].sort())
        }),
      TEST_MS,
    )

    it(
      '1,000 invited users converge in one run',
      () =>
        withLc(QUOTAS, async (lc) => {
          const r = await run(node, lc, inputsFor('bulk-users', { 'email-sender': SES, 'invite-users': addresses(1000).join('\n') }), { timeoutMs: RUN_MS })
          expectExit(r, 0)
          const { poolId } = idsOf(r)
          expect(await userEmails(lc, poolId)).toEqual(addresses(1000).sort())
          expect(succeeded(lc, 'AdminCreateUser'), 'one successful create per user').toBe(1000)
        }),
      TEST_MS,
    )

    describe('on a pull request', () => {
      it(
        `the plan for 300 providers and 1,000 users is one comment under GitHub's ${COMMENT_BODY_MAX}-character limit`,
        () =>
          withLc(QUOTAS, async (lc) => {
            const github = await FakeGitHub.start({ token: 'ghs_bulkToken' })
            try {
              const inputs = inputsFor('bulk-plan', {
                'federated-providers': providersYaml(300, idp.oidcIssuer),
                'email-sender': SES,
                'invite-users': addresses(1000).join('\n'),
                mode: 'plan',
              })
              const r = await run(node, lc, inputs, {
                env: { GITHUB_API_URL: github.url },
                eventName: 'pull_request',
                event: {
                  pull_request: {
                    number: 16,
                    head: { repo: { full_name: 'acme/webapp' } },
                    base: { repo: { full_name: 'acme/webapp', name: 'webapp', owner: { login: 'acme' } } },
                  },
                },
                token: 'ghs_bulkToken',
                timeoutMs: RUN_MS,
              })
              expectExit(r, 0)
              expect(r.warnings.join('\n'), 'no warning about the comment').not.toMatch(/comment/i)
              const thread = github.comments('acme', 'webapp', 16)
              expect(thread, 'one comment').toHaveLength(1)
              const body = thread[0]?.body ?? ''
              expect([...body].length).toBeLessThanOrEqual(COMMENT_BODY_MAX)
              // It says what the plan holds: 300 providers and 1,000 users to create.
              expect(body).toMatch(/\b300\b/)
              expect(body).toMatch(/\b1,?000\b/)
            } finally {
              await github.close()
            }
          }),
        TEST_MS,
      )
    })

    it(
      'a provider create that fails names the provider; the next run creates only what is missing',
      () =>
        withLc(QUOTAS, async (lc) => {
          const inputs = inputsFor('bulk-idp-fail', { 'federated-providers': providersYaml(40, idp.oidcIssuer) })
          lc.faults.add({
            operation: 'CreateIdentityProvider',
            kind: 'invalid-parameter',
            message: 'The provider details are not valid.',
            match: (q: any) => q.ProviderName === providerName(17),
          })
          const failed = await run(node, lc, inputs, { timeoutMs: RUN_MS })
          expectExit(failed, 1)
          expect(failed.errors.join('\n')).toContain(providerName(17))
          expect(lc.faults.pending, 'the failing provider was tried').toEqual([])
          const [poolId = ''] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
          const before = await providerNames(lc, poolId)
          expect(before).not.toContain(providerName(17))

          lc.clearCalls()
          const again = await run(node, lc, inputs, { timeoutMs: RUN_MS })
          expectExit(again, 0)
          expect(await providerNames(lc, poolId)).toEqual(Array.from({ length: 40 }, (_, i) => providerName(i + 1)).sort())
          expect(succeeded(lc, 'CreateIdentityProvider'), 'only the missing providers are created').toBe(40 - before.length)
          expect(lc.calls.filter((c) => c.operation === 'CreateIdentityProvider' && c.error?.code === 'DuplicateProviderException')).toEqual([])
          expect(countOf(lc, 'DeleteIdentityProvider')).toBe(0)
        }),
      TEST_MS,
    )

    it(
      'an invitation that fails names the address; the next run invites only who is missing',
      () =>
        withLc(QUOTAS, async (lc) => {
          const inputs = inputsFor('bulk-users-fail', { 'email-sender': SES, 'invite-users': addresses(120).join('\n') })
          lc.faults.add({
            operation: 'AdminCreateUser',
            kind: 'invalid-parameter',
            message: 'Invalid email address format.',
            match: (q: any) => q.Username === address(42),
          })
          const failed = await run(node, lc, inputs, { timeoutMs: RUN_MS })
          expectExit(failed, 1)
          expect(failed.errors.join('\n')).toContain(address(42))
          const [poolId = ''] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
          const before = await userEmails(lc, poolId)
          expect(before).not.toContain(address(42))

          lc.clearCalls()
          const again = await run(node, lc, inputs, { timeoutMs: RUN_MS })
          expectExit(again, 0)
          expect(await userEmails(lc, poolId)).toEqual(addresses(120).sort())
          expect(succeeded(lc, 'AdminCreateUser'), 'only the missing users are invited').toBe(120 - before.length)
          expect(lc.calls.filter((c) => c.operation === 'AdminCreateUser' && c.error?.code === 'UsernameExistsException')).toEqual([])
        }),
      TEST_MS,
    )
  })
})
