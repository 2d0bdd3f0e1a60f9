// The IAM promise of docs/iam.md, measured on what the built action really calls: one pool taken through
// every feature (the pool, MFA, feature plans, managed login and its branding, user groups, resource
// servers, federated providers, invited users, a confidential client, a domain replaced, a client
// replaced), run by run, with the local Cognito recording each request's X-Amz-Target. For each mode:
// - every call is allowed by that mode's policy (helpers.run checks it for every run of the suite too);
// - the plan policy holds no write;
// - no policy holds an action its mode never calls, except the few named below, each with why this file
//   cannot reach it (a lost answer, a lost race) or why AWS asks for it although the action never calls it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import { policiesOf } from '../../scripts/iam-templates.js'
import { NODE, expectExit, iamPolicy, policyOfMode, run, useLocalCognito } from './helpers.js'

type Idp = Awaited<ReturnType<typeof startFakeIdp>>

/** In a policy, never called here, and why (docs/iam.md says the same). */
const NOT_CALLED_HERE: Record<string, Record<string, string>> = {
  apply: {
    TagResource: 'tag-on-create may be authorised as tagging: the pool is created with its tag by CreateUserPool',
    DeleteUserPool: 'only to delete the extra pool a run made when another run won the race (races.test.ts)',
    GetGroup: 'only to look again after a lost answer to CreateGroup',
    DescribeResourceServer: 'only to look again after a lost answer to CreateResourceServer, or an identifier another run took (aws-rules.test.ts)',
  },
  plan: {},
  destroy: {},
}

describe('the operations each mode calls, measured, against docs/iam.md', () => {
  const ctx = useLocalCognito()
  let idp: Idp
  beforeEach(async () => {
    idp = await startFakeIdp()
  })
  afterEach(async () => {
    await idp.close()
  })

  it('apply, plan, destroy and plan-destroy: called ⊆ policy, the plan policy only reads, and no policy holds what its mode never calls', async () => {
    const { lc } = ctx
    const called: Record<string, Set<string>> = { apply: new Set(), plan: new Set(), destroy: new Set(), 'plan-destroy': new Set() }
    const step = async (inputs: Record<string, string>): Promise<void> => {
      const mode = inputs.mode ?? 'apply'
      const from = lc.calls.length
      const r = await run(NODE, lc, inputs)
      expectExit(r, 0)
      for (const c of lc.calls.slice(from)) called[mode]?.add(c.operation)
    }
    const providers = (mapping: string): string =>
      [
        '- name: Okta',
        '  type: saml',
        `  metadata-url: ${idp.samlMetadataUrl('okta')}`,
        '  attribute-mapping:',
        `    email: ${mapping}`,
        '- name: Entra',
        '  type: oidc',
        `  issuer: ${idp.oidcIssuer}`,
        '  client-id: entra-app-id',
        '  client-secret: oidc-Client-Secret-7f3a9c1e5b',
        '  scopes: [openid, email, profile]',
      ].join('\n')
    const servers = (description: string): string => `- identifier: api\n  name: API\n  scopes:\n    - name: read\n      description: ${description}`
    const all: Record<string, string> = {
      'pool-name': 'e2e-iam-calls',
      domain: 'e2e-iam-calls-login',
      'callback-urls': 'https://om.example.com/callback',
      'openmetadata-url': 'https://om.example.com',
      'deletion-protection': 'true',
      'feature-plan': 'essentials',
      'password-policy': 'min-length=10, history=2',
      'account-recovery': 'email, phone',
      'self-sign-up': 'true',
      'token-validity': 'access=30m',
      mfa: 'optional',
      'mfa-methods': 'totp',
      'managed-login': 'v2',
      'invite-users': 'alice@example.com',
      'user-groups': '- name: admins\n  precedence: 0\n- name: ops',
      'resource-servers': servers('Read'),
      'federated-providers': providers('email'),
      'identity-providers': 'COGNITO',
      'oauth-scopes': 'openid email api/read',
      'client-type': 'confidential',
    }

    // plan before anything exists (the account is listed), then the create, then a rerun
    await step({ ...all, mode: 'plan' })
    await step(all)
    await step(all)
    // every kind of update: groups (one changed, one removed), a scope's description, a provider's mapping,
    // MFA, the client's token lifetimes, the password policy, the feature plan, another prefix domain
    const updated = {
      ...all,
      domain: 'e2e-iam-calls-login2',
      'feature-plan': 'plus',
      'password-policy': 'min-length=12, history=2',
      'token-validity': 'access=1h',
      'mfa-methods': 'totp, email',
      'email-sender': 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com, from=no-reply@example.com',
      'account-recovery': 'admin-only',
      'user-groups': '- name: admins\n  description: The admins\n- name: ops\n  remove: true',
      'resource-servers': servers('Read everything'),
      'federated-providers': providers('mail'),
    }
    await step(updated)
    // a plan of a lower feature plan (the Plus features are read), the domain back to classic, the client replaced
    await step({ ...updated, 'feature-plan': 'essentials', mode: 'plan' })
    await step({ ...updated, 'managed-login': 'classic' })
    await step({ ...updated, 'managed-login': 'v2', 'client-type': 'public', 'oauth-scopes': 'openid email', 'allow-client-replacement': 'true' })
    // what destroy would remove, then destroy (protection turned off in the same run)
    const gone = { ...updated, 'managed-login': 'v2', 'client-type': 'public', 'oauth-scopes': 'openid email', 'deletion-protection': 'false' }
    await step({ ...gone, mode: 'plan-destroy' })
    await step({ ...gone, mode: 'destroy' })

    for (const [mode, ops] of Object.entries(called)) {
      const policy = policyOfMode(mode)
      expect(
        [...ops].filter((op) => !policy.includes(op)),
        `${mode}: calls outside docs/iam.md's ${mode} policy`,
      ).toEqual([])
    }
    // the plan policy (and plan-destroy's, the destroy policy's Read statement) only reads
    for (const op of [...iamPolicy('plan'), ...policyOfMode('plan-destroy')]) expect(op, 'a read').toMatch(/^(Describe|List|Get)[A-Z]/)
    // nothing in a policy that its mode never calls, but the named exceptions
    const unused = (mode: string, policy: string[], ...modes: string[]): string[] =>
      policy.filter((op) => !modes.some((m) => called[m]?.has(op)) && !(op in (NOT_CALLED_HERE[mode] ?? {})))
    expect(unused('apply', iamPolicy('apply'), 'apply', 'plan'), 'apply policy: never called').toEqual([])
    expect(unused('plan', iamPolicy('plan'), 'plan'), 'plan policy: never called').toEqual([])
    expect(unused('destroy', iamPolicy('destroy'), 'destroy'), 'destroy policy: never called').toEqual([])
    expect(unused('plan-destroy', policyOfMode('plan-destroy'), 'plan-destroy', 'destroy'), "destroy's Read statement: never called").toEqual([])
    // and each exception is still in its policy (a stale one would hide nothing)
    for (const [mode, ops] of Object.entries(NOT_CALLED_HERE))
      for (const op of Object.keys(ops)) expect(iamPolicy(mode as 'apply' | 'plan' | 'destroy'), op).toContain(op)
    // Outside Cognito, only what AWS requires of a custom domain's creator: the action itself calls no other
    // service (no ACM, SES, SNS or IAM call; iam:PassRole for an SMS role is the user's addition, docs/iam.md).
    const others = (name: string): string[] => (policiesOf()[name]?.Statement ?? []).flatMap((s) => s.Action).filter((a) => !a.startsWith('cognito-idp:'))
    expect(others('apply')).toEqual(['cloudfront:UpdateDistribution'])
    expect(others('plan')).toEqual([])
    expect(others('destroy')).toEqual([])

    if (process.env.DEBUG_IAM_CALLS) console.log(Object.fromEntries(Object.entries(called).map(([m, s]) => [m, [...s].sort()])))
  }, 120_000)
})
