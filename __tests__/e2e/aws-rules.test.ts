/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON documents read back from the local Cognito */
// The twelve findings of issue 15, end to end: dist/index.js run as the runner runs it, against a local
// Cognito that answers as AWS answers (docs/aws-behaviour.md). Black box: inputs, outputs, exit code,
// what the run printed and which AWS calls it made. Each describe is one finding (its number in the
// title and the docs/aws-behaviour.md row that records AWS's rule); the last one is a rerun against
// AWS-shaped Describe answers. Until the fixes of issue 15 land most of these fail: that is their point.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { startFakeIdp } from '../../tools/fake-idp.js'
import {
  ACCOUNT_ID,
  NODES,
  REGION,
  countOf,
  describeClient,
  describeDomain,
  describePool,
  editPool,
  expectExit,
  idsOf,
  inputsFor,
  listPools,
  run,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
  type RunResult,
} from './helpers.js'

const SES = 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, from=no-reply@example.com'
const ROLE = 'arn:aws:iam::123456789012:role/cognito-sms'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
const CERT2 = 'arn:aws:acm:us-east-1:123456789012:certificate/ffffffff-4e5f-6789-abcd-ef0123456789'
const APPLE_KEY = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQgAppleTestKey\n-----END PRIVATE KEY-----'

/** Everything the run said: stdout and its error annotations. */
const said = (r: RunResult): string => [r.stdout, ...r.errors].join('\n')

/** A local Cognito with domain statuses held (no wall clock: the test moves them on). */
async function startHeld(options: { holdDomains?: boolean; holdDomainDeletes?: boolean; holdDomainUpdates?: boolean }): Promise<LocalCognito> {
  return startLocalCognito({ region: REGION, accountId: ACCOUNT_ID, port: 0, ...options })
}

/**
 * Runs `running` to its end; meanwhile, once a deletion of `domain` was accepted and a later
 * DescribeUserPoolDomain saw it DELETING (the run is waiting for it), lets the deletion finish.
 * A run that does not wait simply ends first.
 */
async function finishDeletionWhenAwaited(lc: LocalCognito, domain: string, running: Promise<RunResult>): Promise<RunResult> {
  let settled = false
  const done = running.finally(() => {
    settled = true
  })
  while (!settled) {
    const deleted = lc.calls.findIndex((c) => c.operation === 'DeleteUserPoolDomain' && (c.request as any)?.Domain === domain && c.status === 200)
    const waiting =
      deleted >= 0 &&
      lc.calls.slice(deleted + 1).some((c) => c.operation === 'DescribeUserPoolDomain' && (c.response as any)?.DomainDescription?.Status === 'DELETING')
    if (waiting) {
      lc.finishDomainDeletion(domain)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return done
}

describe('finding 1: invite-users in a pool where email is an alias or phone is the user name (AWSB-131)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('an email-alias pool: each address gets a user with a user name that is not an address; a rerun writes nothing', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f1-alias', { 'sign-in-identifiers': 'username, email', 'invite-users': 'ann@example.com, bob@example.com' })
      const r = await run(node, lc, inputs)
      expectExit(r, 0)
      const { poolId } = idsOf(r)
      const users = (await lc.invoke('ListUsers', { UserPoolId: poolId })).Users as any[]
      const emails = users.map((u) => u.Attributes.find((a: any) => a.Name === 'email')?.Value).sort()
      expect(emails).toEqual(['ann@example.com', 'bob@example.com'])
      for (const u of users) expect(u.Username).not.toContain('@')
      lc.clearCalls()
      expectExit(await run(node, lc, inputs), 0)
      expect(writeOperations(lc)).toEqual([])
    })

    it('a pool whose users sign in by phone only: refused before any write, naming invite-users and the sign-in identifiers', async () => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('f1-phone', { 'sign-in-identifiers': 'phone', 'invite-users': 'ann@example.com' }))
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toMatch(/invite-users: .*phone/)
      expect(said(r)).toContain('sign-in-identifiers')
    })
  })
})

describe('finding 2: MFA methods against the account-recovery methods (AWSB-019, AWSB-020)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('email MFA on a pool whose only recovery is email: refused before any write, naming account-recovery', async () => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('f2-email', { 'email-sender': SES, mfa: 'optional', 'mfa-methods': 'totp, email' }))
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toMatch(/mfa-methods: .*email/)
      expect(said(r)).toContain('account-recovery')
    })

    it('SMS MFA with recovery by phone: refused before any write, naming account-recovery', async () => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('f2-sms', { 'account-recovery': 'email, phone', mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE }))
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toMatch(/mfa-methods: .*(SMS|sms)/)
      expect(said(r)).toContain('account-recovery')
    })

    it('email MFA with account-recovery: email, phone converges, and a rerun writes nothing', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f2-ok', { 'email-sender': SES, 'account-recovery': 'email, phone', mfa: 'optional', 'mfa-methods': 'totp, email' })
      const r = await run(node, lc, inputs)
      expectExit(r, 0)
      const mfa = await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: idsOf(r).poolId })
      expect(mfa).toMatchObject({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })
      lc.clearCalls()
      expectExit(await run(node, lc, inputs), 0)
      expect(writeOperations(lc)).toEqual([])
    })
  })
})

describe('finding 3: a pool keeps its prefix domain when it gets a custom domain (AWSB-066)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('prefix → custom: the custom domain is created, the prefix is never deleted, both serve; a rerun writes nothing', async () => {
      const { lc } = ctx
      const prefix = inputsFor('f3-move')
      const first = await run(node, lc, prefix)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const custom = { ...prefix, domain: 'auth.f3.example.com', 'certificate-arn': CERT }
      lc.clearCalls()
      const moved = await run(node, lc, custom)
      expectExit(moved, 0)
      expect(writeOperations(lc)).toContain('CreateUserPoolDomain')
      expect(writeOperations(lc)).not.toContain('DeleteUserPoolDomain')
      const pool = await describePool(lc, poolId)
      expect([pool.Domain, pool.CustomDomain]).toEqual([prefix.domain, 'auth.f3.example.com'])
      expect((await describeDomain(lc, prefix.domain ?? '')).UserPoolId).toBe(poolId)
      lc.clearCalls()
      expectExit(await run(node, lc, custom), 0)
      expect(writeOperations(lc)).toEqual([])
    })
  })
})

describe('finding 4: lowering the feature plan while higher-plan features are on (AWSB-016, AWSB-017)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('plus → essentials with threat protection on: refused before any write, naming threat protection', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f4-plus', { 'feature-plan': 'plus' })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      await editPool(lc, poolId, { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })
      lc.clearCalls()
      const r = await run(node, lc, { ...inputs, 'feature-plan': 'essentials' })
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toContain('feature-plan')
      expect(said(r)).toMatch(/threat protection/i)
      expect((await describePool(lc, poolId)).UserPoolTier).toBe('PLUS')
    })

    it('essentials → lite with access-token customization: refused before any write, naming it', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f4-token')
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:claims'
      await editPool(lc, poolId, { LambdaConfig: { PreTokenGeneration: lambda, PreTokenGenerationConfig: { LambdaArn: lambda, LambdaVersion: 'V2_0' } } })
      lc.clearCalls()
      const r = await run(node, lc, { ...inputs, 'feature-plan': 'lite' })
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toContain('feature-plan')
      expect(said(r)).toMatch(/access.?token customi[sz]ation|PreTokenGeneration/i)
    })

    it('essentials → lite with email MFA and a managed login v2 domain: refused before any write, naming both', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f4-both', { 'email-sender': SES, 'account-recovery': 'email, phone' })
      const first = await run(node, lc, { ...inputs, 'managed-login': 'v2', mfa: 'optional', 'mfa-methods': 'totp, email' })
      expectExit(first, 0)
      lc.clearCalls()
      const r = await run(node, lc, { ...inputs, 'feature-plan': 'lite' })
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toMatch(/email MFA/i)
      expect(said(r)).toMatch(/managed login/i)
    })
  })
})

describe('finding 5: Sign in with Apple, whose private key AWS never describes (AWSB-083)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('a rerun writes nothing and shows the provider unchanged', async () => {
      const { lc } = ctx
      const apple = [
        '- name: SignInWithApple',
        '  type: apple',
        '  client-id: com.example.web',
        '  team-id: TEAM123456',
        '  key-id: KEY1234567',
        `  private-key: ${JSON.stringify(APPLE_KEY)}`,
        '  scopes: [email, name]',
      ].join('\n')
      const inputs = inputsFor('f5-apple', { 'federated-providers': apple })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      expect(countOf(lc, 'CreateIdentityProvider')).toBe(1)
      lc.clearCalls()
      const again = await run(node, lc, inputs)
      expectExit(again, 0)
      expect(writeOperations(lc)).toEqual([])
      expect(again.outputs.changed).toBe('false')
      // The key is registered with the runner (::add-mask::, which the runner consumes and never shows) and
      // appears in nothing the runner shows: the log lines, masks applied (tools/run-action.js maskerValues).
      expect(again.masks).toContain(APPLE_KEY)
      expect([...again.logLines, ...again.errors].join('\n')).not.toContain('AppleTestKey')
    })
  })
})

describe('finding 6: a replaced client under managed-login v2 gets a branding style (AWSB-115)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('public → confidential with allow-client-replacement: the new client has a style in the same run; a rerun writes nothing', async () => {
      const { lc } = ctx
      const inputs = inputsFor('f6-ml', { 'managed-login': 'v2' })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId, clientId: before } = idsOf(first)
      const confidential = { ...inputs, 'client-type': 'confidential', 'allow-client-replacement': 'true' }
      const replaced = await run(node, lc, confidential)
      expectExit(replaced, 0)
      const { clientId: after } = idsOf(replaced)
      expect(after).not.toBe(before)
      expect(lc.brandingStyles(poolId).map((s: any) => s.ClientId)).toEqual([after])
      lc.clearCalls()
      expectExit(await run(node, lc, confidential), 0)
      expect(writeOperations(lc)).toEqual([])
    })
  })
})

describe('finding 7: mfa: required on a pool that allows passwordless sign-in (AWSB-021)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    async function passwordlessPool(lc: LocalCognito, tag: string): Promise<{ inputs: Record<string, string>; poolId: string }> {
      const inputs = inputsFor(tag)
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const pool = await describePool(lc, poolId)
      await editPool(lc, poolId, { Policies: { ...pool.Policies, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } })
      return { inputs, poolId }
    }

    it('refused before any write, naming the passwordless factor and the way out', async () => {
      const { lc } = ctx
      const { inputs } = await passwordlessPool(lc, 'f7-on')
      lc.clearCalls()
      const r = await run(node, lc, { ...inputs, mfa: 'required', 'mfa-methods': 'totp' })
      expectExit(r, 1)
      expect(writeOperations(lc)).toEqual([])
      expect(said(r)).toContain('EMAIL_OTP')
      expect(said(r)).toMatch(/mfa: .*optional/)
    })

    it('mfa: optional on the same pool converges (AWS accepts it)', async () => {
      const { lc } = ctx
      const { inputs, poolId } = await passwordlessPool(lc, 'f7-opt')
      expectExit(await run(node, lc, { ...inputs, mfa: 'optional', 'mfa-methods': 'totp' }), 0)
      expect((await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: poolId })).MfaConfiguration).toBe('OPTIONAL')
    })
  })
})

describe('finding 8: destroy and domain replacement wait for a domain to finish DELETING (AWSB-062)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    let lc: LocalCognito
    beforeEach(async () => {
      lc = await startHeld({ holdDomainDeletes: true })
    })
    afterEach(async () => {
      await lc.close()
    })

    it('destroy waits for the domain to be gone before deleting the pool, then finishes', async () => {
      const inputs = inputsFor('f8-destroy', { 'deletion-protection': 'false' })
      const applied = await run(node, lc, inputs)
      expectExit(applied, 0)
      const { poolId } = idsOf(applied)
      lc.clearCalls()
      const destroy = run(node, lc, { 'pool-name': inputs['pool-name'] ?? '', mode: 'destroy', 'deletion-protection': 'true' })
      const r = await finishDeletionWhenAwaited(lc, inputs.domain ?? '', destroy)
      expectExit(r, 0)
      const deletes = lc.calls.filter((c) => c.operation === 'DeleteUserPool')
      expect(deletes.map((c) => c.status)).toEqual([200])
      expect((await listPools(lc)).map((p) => p.Id)).not.toContain(poolId)
    }, 90_000)

    it('one custom domain to another: the new one is created after the old one is gone', async () => {
      const inputs = inputsFor('f8-swap', { domain: 'auth.f8a.example.com', 'certificate-arn': CERT })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      lc.clearCalls()
      const swapping = run(node, lc, { ...inputs, domain: 'auth.f8b.example.com', 'certificate-arn': CERT2 })
      const r = await finishDeletionWhenAwaited(lc, 'auth.f8a.example.com', swapping)
      expectExit(r, 0)
      const creates = lc.calls.filter((c) => c.operation === 'CreateUserPoolDomain')
      expect(creates.map((c) => c.status)).toEqual([200])
      expect((await describePool(lc, poolId)).CustomDomain).toBe('auth.f8b.example.com')
    }, 90_000)
  })
})

describe('finding 9: http://127.0.0.1 and http://[::1] callback URLs, which AWS accepts (AWSB-044)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('both loopback forms converge and the client has them; a rerun writes nothing', async () => {
      const { lc } = ctx
      const urls = ['http://127.0.0.1:8080/callback', 'http://[::1]:8080/callback']
      const inputs = inputsFor('f9-loop', { 'callback-urls': urls.join(', ') })
      const r = await run(node, lc, inputs)
      expectExit(r, 0)
      const { poolId, clientId } = idsOf(r)
      expect([...(await describeClient(lc, poolId, clientId)).CallbackURLs].sort()).toEqual([...urls].sort())
      lc.clearCalls()
      expectExit(await run(node, lc, inputs), 0)
      expect(writeOperations(lc)).toEqual([])
    })
  })
})

describe('finding 10: an SNS role that IAM has not propagated yet is retried (AWSB-002)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('refused twice with InvalidSmsRoleTrustRelationshipException, then accepted: the run succeeds', async () => {
      const { lc } = ctx
      lc.smsRoleNotPropagated(ROLE, 2)
      const r = await run(node, lc, inputsFor('f10-sns', { mfa: 'optional', 'mfa-methods': 'sms', 'sms-role-arn': ROLE }), { timeoutMs: 150_000 })
      expectExit(r, 0)
      const refused = lc.calls.filter((c) => c.error?.code === 'InvalidSmsRoleTrustRelationshipException')
      expect(refused).toHaveLength(2)
      const mfa = await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: idsOf(r).poolId })
      expect(mfa.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn).toBe(ROLE)
    }, 180_000)
  })
})

describe('finding 11: an http:// OIDC issuer, which Cognito cannot fetch discovery from (AWSB-086)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()
    let idp: Awaited<ReturnType<typeof startFakeIdp>>
    beforeEach(async () => {
      idp = await startFakeIdp()
    })
    afterEach(async () => {
      await idp.close()
    })

    it('without the local-endpoint switch, a loopback http issuer is refused before any AWS call, naming the issuer and https', async () => {
      const { lc } = ctx
      const providers = [
        '- name: Corp',
        '  type: oidc',
        `  issuer: ${idp.oidcIssuer}`,
        '  client-id: corp-app',
        '  client-secret: corp-Secret-1b2c3d',
        '  scopes: [openid, email]',
      ].join('\n')
      const r = await run(node, lc, inputsFor('f11-http', { 'federated-providers': providers }), {
        env: { COGNITO_SSO_ISSUER_BASE_URL: undefined, COGNITO_SSO_HOSTED_UI_URL: undefined },
      })
      expectExit(r, 1)
      expect(lc.calls).toEqual([])
      expect(said(r)).toContain(idp.oidcIssuer)
      expect(said(r)).toContain('https')
    })
  })
})

describe('finding 12: an existing resource server is recognised by the error code, not the message (AWSB-100)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    const ctx = useLocalCognito()

    it('two runs create the same resource server at once: both succeed, one server exists', async () => {
      const { lc } = ctx
      const base = inputsFor('f12-race')
      const first = await run(node, lc, base)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const inputs = {
        ...base,
        'resource-servers': '- identifier: api\n  name: Reports API\n  scopes:\n    - name: read\n      description: Read reports',
        'oauth-scopes': 'openid, email, api/read',
      }
      // Both creates go out together: one wins, the other meets the identifier taken.
      lc.barrier({ operation: 'CreateResourceServer', count: 2 })
      const [a, b] = await Promise.all([run(node, lc, inputs), run(node, lc, inputs)])
      expectExit(a, 0)
      expectExit(b, 0)
      const servers = (await lc.invoke('ListResourceServers', { UserPoolId: poolId, MaxResults: 50 })).ResourceServers as any[]
      expect(servers.map((s) => s.Identifier)).toEqual(['api'])
      expect(lc.calls.filter((c) => c.operation === 'CreateResourceServer' && c.error?.code === 'InvalidParameterException')).toHaveLength(1)
    }, 90_000)
  })
})

describe('AWS-shaped answers: a rerun writes nothing (AWSB-080, AWSB-082, AWSB-083, AWSB-084, AWSB-060, AWSB-062)', () => {
  describe.each(NODES)('under %s', (_label, node) => {
    let lc: LocalCognito
    let idp: Awaited<ReturnType<typeof startFakeIdp>>
    beforeEach(async () => {
      lc = await startHeld({ holdDomains: true, holdDomainDeletes: true })
      idp = await startFakeIdp()
    })
    afterEach(async () => {
      await lc.close()
      await idp.close()
    })

    it('SAML, OIDC and Apple providers and a custom domain through CREATING: reruns write nothing; destroy through DELETING, then a rerun writes nothing', async () => {
      const providers = [
        '- name: Okta',
        '  type: saml',
        `  metadata-url: ${idp.samlMetadataUrl('okta')}`,
        '  attribute-mapping:',
        '    email: email',
        '- name: Entra',
        '  type: oidc',
        `  issuer: ${idp.oidcIssuer}`,
        '  client-id: entra-app-id',
        '  client-secret: entra-Secret-9z8y7x',
        '  scopes: [openid, email, profile]',
        '  attribute-mapping:',
        '    email: email',
        '- name: SignInWithApple',
        '  type: apple',
        '  client-id: com.example.web',
        '  team-id: TEAM123456',
        '  key-id: KEY1234567',
        `  private-key: ${JSON.stringify(APPLE_KEY)}`,
        '  scopes: [email, name]',
      ].join('\n')
      const inputs = inputsFor('shaped', {
        domain: 'auth.shaped.example.com',
        'certificate-arn': CERT,
        'federated-providers': providers,
        'deletion-protection': 'false',
      })
      const first = await run(node, lc, inputs)
      expectExit(first, 0)
      expect((await describeDomain(lc, 'auth.shaped.example.com')).Status).toBe('CREATING')
      // The answers carry what AWS adds.
      const poolId = idsOf(first).poolId
      const entra = (await lc.invoke('DescribeIdentityProvider', { UserPoolId: poolId, ProviderName: 'Entra' })).IdentityProvider
      expect(entra.ProviderDetails).toHaveProperty('jwks_uri')
      expect(entra.AttributeMapping).toHaveProperty('username', 'sub')

      lc.clearCalls()
      const whileCreating = await run(node, lc, inputs)
      expectExit(whileCreating, 0)
      expect(writeOperations(lc)).toEqual([])
      expect(whileCreating.outputs.changed).toBe('false')

      lc.activateDomain('auth.shaped.example.com')
      lc.clearCalls()
      expectExit(await run(node, lc, inputs), 0)
      expect(writeOperations(lc)).toEqual([])

      lc.clearCalls()
      const destroyInputs = { 'pool-name': inputs['pool-name'] ?? '', mode: 'destroy', 'deletion-protection': 'true' }
      const destroyed = await finishDeletionWhenAwaited(lc, 'auth.shaped.example.com', run(node, lc, destroyInputs))
      expectExit(destroyed, 0)
      lc.clearCalls()
      const again = await run(node, lc, destroyInputs)
      expectExit(again, 0)
      expect(writeOperations(lc)).toEqual([])
      expect(again.outputs.changed).toBe('false')
    }, 120_000)
  })
})
