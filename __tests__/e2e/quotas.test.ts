// Cognito's count limits end to end (dist/index.js against the local Cognito, which enforces them:
// "Quotas in Amazon Cognito", https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html).
// - A run that would pass a per-pool count (resource servers 25, app clients 1,000) or send more than 50
//   invitations with Cognito's default email is refused in the plan: nothing is written (AWSB-201, AWSB-203).
// - A count limit only AWS can see (custom domains per account; the default email's daily messages used by
//   another pool) is LimitExceededException: sent once, never retried, and the error names the limit and
//   the fix (AWSB-200, AWSB-202, AWSB-203).
// The default email's day is the local Cognito's mail clock, set by the test (never the wall clock).
import { describe, expect, it } from 'vitest'
import {
  NODE,
  countOf,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  run,
  seedSsoPool,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
} from './helpers.js'

const PAGE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html'
const SES = 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, from=no-reply@example.com'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
const AWS_MAIL_LIMIT =
  'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.'

const servers = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `- identifier: api-${i + from}\n  name: api ${i + from}\n  scopes:\n    - name: read`).join('\n')
const addresses = (n: number, domain: string): string => Array.from({ length: n }, (_, i) => `user-${i + 1}@${domain}`).join('\n')
const failedCalls = (lc: LocalCognito, operation: string): (string | undefined)[] =>
  lc.calls.filter((c) => c.operation === operation && c.error).map((c) => c.error?.code)

describe('count limits per user pool: refused in the plan, nothing written (AWSB-201)', () => {
  const ctx = useLocalCognito()

  it('26 resource servers for a new pool: refused with 26 and the limit of 25; no write', async () => {
    const { lc } = ctx
    const r = await run(NODE, lc, inputsFor('rs-26', { 'resource-servers': servers(26) }))
    expectExit(r, 1)
    expectNoStackTrace(r)
    expect(r.errors.join('\n')).toContain(
      `resource-servers: user pool 'e2e-rs-26' has 0 resource servers and this run would create 26: 26, over Cognito's limit of 25 (Resource servers per user pool, ${PAGE})`,
    )
    expect(writeOperations(lc)).toEqual([])
  })

  it('a pool with 24 resource servers and 2 more declared (25 and 26): refused before any write; 25 in all converges', async () => {
    const { lc } = ctx
    const first = await run(NODE, lc, inputsFor('rs-24', { 'resource-servers': servers(24) }))
    expectExit(first, 0)
    expect(countOf(lc, 'CreateResourceServer')).toBe(24)
    lc.clearCalls()
    const over = await run(NODE, lc, inputsFor('rs-24', { 'resource-servers': servers(26) }))
    expectExit(over, 1)
    expect(over.errors.join('\n')).toContain('has 24 resource servers and this run would create 2: 26, over')
    expect(writeOperations(lc)).toEqual([])
    lc.clearCalls()
    const within = await run(NODE, lc, inputsFor('rs-24', { 'resource-servers': servers(25) }))
    expectExit(within, 0)
    expect(writeOperations(lc)).toEqual(['CreateResourceServer'])
  })

  it('a pool with 1,000 app clients: a new client-name is refused before any write; the existing client still converges', async () => {
    const { lc } = ctx
    const inputs = inputsFor('clients-1000')
    const first = await run(NODE, lc, inputs)
    expectExit(first, 0)
    const { poolId } = idsOf(first)
    for (let i = 1; i < 1000; i++) await lc.invoke('CreateUserPoolClient', { UserPoolId: poolId, ClientName: `other-${i}` })
    // The local Cognito holds the line too (what AWS would answer to the 1,001st).
    await expect(lc.invoke('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'one-too-many' })).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'The user pool has reached its limit of 1000 app clients.',
    })
    lc.clearCalls()
    const refused = await run(NODE, lc, { ...inputs, 'client-name': 'another-app' })
    expectExit(refused, 1)
    expect(refused.errors.join('\n')).toContain(
      `client-name: user pool 'e2e-clients-1000' has 1,000 app clients and this run would create 1: 1,001, over Cognito's limit of 1,000 (App clients per user pool, ${PAGE})`,
    )
    expect(writeOperations(lc)).toEqual([])
    lc.clearCalls()
    const rerun = await run(NODE, lc, inputs)
    expectExit(rerun, 0)
    expect(writeOperations(lc)).toEqual([])
  })
})

describe('LimitExceededException from AWS is a count limit: sent once, never retried, named (AWSB-200, AWSB-202)', () => {
  const ctx = useLocalCognito()

  it('a fifth custom domain in the account: one CreateUserPoolDomain, refused, with the limit and the fix', async () => {
    const { lc } = ctx
    for (let i = 1; i <= 4; i++) {
      const other = await seedSsoPool(lc, `other-team-${i}`)
      await lc.invoke('CreateUserPoolDomain', { UserPoolId: other, Domain: `auth.team${i}.example.com`, CustomDomainConfig: { CertificateArn: CERT } })
    }
    lc.clearCalls()
    const r = await run(NODE, lc, inputsFor('domain-5', { domain: 'auth.fifth.example.com', 'certificate-arn': CERT }))
    expectExit(r, 1)
    expectNoStackTrace(r)
    expect(countOf(lc, 'CreateUserPoolDomain'), 'sent once: no SDK retry, no pacer retry').toBe(1)
    expect(failedCalls(lc, 'CreateUserPoolDomain')).toEqual(['LimitExceededException'])
    const text = r.errors.join('\n')
    expect(text).toContain(`This is Cognito's limit of 4 custom domains (Custom domains per account, ${PAGE}), not throttling`)
    expect(text).not.toMatch(/request quota|run again later/)
  })
})

describe("invitations with Cognito's default email: 50 messages a day per account (AWSB-203)", () => {
  const ctx = useLocalCognito()

  it('51 invitations without email-sender: refused in the plan with the number, the page and the fix; no write', async () => {
    const { lc } = ctx
    const r = await run(NODE, lc, inputsFor('mail-51', { 'invite-users': addresses(51, 'mail51.example.com') }))
    expectExit(r, 1)
    const text = r.errors.join('\n')
    expect(text).toContain("invite-users: this run would send 51 invitations and user pool 'e2e-mail-51' would send mail with Cognito's default email")
    expect(text).toContain(`(Email messages sent daily per AWS account, ${PAGE}); set email-sender: ses-identity=<SES identity ARN>`)
    expect(writeOperations(lc)).toEqual([])
  })

  it('51 invitations with email-sender (Amazon SES): all sent, none counted against the default email', async () => {
    const { lc } = ctx
    lc.setMailClock(Date.UTC(2026, 11, 6, 12))
    const r = await run(NODE, lc, inputsFor('mail-ses', { 'email-sender': SES, 'invite-users': addresses(51, 'ses.example.com') }))
    expectExit(r, 0)
    expect(countOf(lc, 'AdminCreateUser')).toBe(51)
    expect(lc.mailsSentToday()).toBe(0)
  })

  it("the account's 50 used by another pool: the 51st is AWS's LimitExceededException, sent once; the next UTC day it goes", async () => {
    const { lc } = ctx
    lc.setMailClock(Date.UTC(2026, 11, 6, 23, 59))
    const first = await run(NODE, lc, inputsFor('mail-a', { 'invite-users': addresses(50, 'a.example.com') }))
    expectExit(first, 0)
    expect(countOf(lc, 'AdminCreateUser')).toBe(50)
    expect(lc.mailsSentToday()).toBe(50)

    lc.clearCalls()
    const inputs = inputsFor('mail-b', { 'invite-users': 'late@b.example.com' })
    const refused = await run(NODE, lc, inputs)
    expectExit(refused, 1)
    expectNoStackTrace(refused)
    expect(countOf(lc, 'AdminCreateUser'), 'sent once: no SDK retry, no pacer retry').toBe(1)
    expect(failedCalls(lc, 'AdminCreateUser')).toEqual(['LimitExceededException'])
    const text = refused.errors.join('\n')
    expect(text).toContain(AWS_MAIL_LIMIT.replace(/\.$/, ''))
    expect(text).toContain(
      `Cognito's default email sends at most 50 messages a day per AWS account, not adjustable (Email messages sent daily per AWS account, ${PAGE}): set email-sender`,
    )

    lc.setMailClock(Date.UTC(2026, 11, 7, 0, 0))
    lc.clearCalls()
    const nextDay = await run(NODE, lc, inputs)
    expectExit(nextDay, 0)
    expect(writeOperations(lc)).toEqual(['AdminCreateUser'])
    expect(lc.mailsSentToday()).toBe(1)
  })
})
