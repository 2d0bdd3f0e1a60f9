// Cognito's count limits in the plan (AWSB-201, AWSB-203): what the pool keeps plus what the run creates,
// refused before the first write with the number, the limit and the "Quotas in Amazon Cognito" page.
import { describe, expect, it } from 'vitest'
import type { Desired, DesiredProvider, Observed, Step } from '../../../src/model/types.js'
import { client } from '../../../src/resources/client/index.js'
import { identityProvider } from '../../../src/resources/identity-provider/index.js'
import { resourceServer } from '../../../src/resources/resource-server/index.js'
import { countProblem } from '../../../src/resources/shared/quotas.js'
import { userGroups } from '../../../src/resources/user-groups/index.js'
import { dailyMailProblem, users } from '../../../src/resources/users/index.js'
import { RESOURCE_SERVERS_PER_POOL } from '../../../src/model/quotas.js'
import { observedPool, observedState, planDesired } from '../../support/state.js'

const PAGE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html'
const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from)
const server = (i: number) => ({ identifier: `api-${i}`, name: `api ${i}`, scopes: [] })
const oidc = (i: number): DesiredProvider => ({
  name: `idp-${i}`,
  type: 'OIDC',
  details: { client_id: 'c', issuer: 'https://idp.example.com', authorize_scopes: 'openid' },
  secretKeys: [],
  attributeMapping: {},
})

function planOf(resource: { plan: (d: Desired, o: Observed, p: string[], planned: Step[]) => Step[] }, d: Desired, o: Observed) {
  const problems: string[] = []
  const steps = resource.plan(d, o, problems, [])
  return { steps, problems }
}

describe('countProblem', () => {
  it('is silent within the limit and when nothing is created; otherwise names both numbers, the limit and the page', () => {
    expect(countProblem('resource-servers', "user pool 'p'", RESOURCE_SERVERS_PER_POOL, 20, 5, 'fix')).toBeUndefined()
    expect(countProblem('resource-servers', "user pool 'p'", RESOURCE_SERVERS_PER_POOL, 30, 0, 'fix')).toBeUndefined()
    expect(countProblem('resource-servers', "user pool 'p'", RESOURCE_SERVERS_PER_POOL, 20, 6, 'declare fewer')).toBe(
      `resource-servers: user pool 'p' has 20 resource servers and this run would create 6: 26, over Cognito's limit of 25 (Resource servers per user pool, ${PAGE}); declare fewer`,
    )
  })
})

describe('count limits per user pool, in the plan', () => {
  it('resource servers: 26 declared for a new pool are refused; 25 are planned', () => {
    const refused = planOf(resourceServer, planDesired({ resourceServers: range(26).map(server) }), { matchingPoolIds: [], matchingClientIds: [] })
    expect(refused.problems).toEqual([
      expect.stringMatching(
        /^resource-servers: user pool 'openmetadata' has 0 resource servers and this run would create 26: 26, over Cognito's limit of 25 \(Resource servers per user pool, /,
      ),
    ])
    expect(planOf(resourceServer, planDesired({ resourceServers: range(25).map(server) }), { matchingPoolIds: [], matchingClientIds: [] }).problems).toEqual([])
  })

  it("resource servers: the pool's own count; those it has and the input names again are not created twice", () => {
    const observed = observedState({ resourceServers: range(24).map(server) })
    // 2 new + 1 the pool has: 24 + 2 = 26.
    const over = planOf(resourceServer, planDesired({ resourceServers: [server(24), server(25), server(26)] }), observed)
    expect(over.steps.filter((s) => s.action === 'create')).toHaveLength(2)
    expect(over.problems).toEqual([expect.stringContaining('has 24 resource servers and this run would create 2: 26, over')])
    expect(planOf(resourceServer, planDesired({ resourceServers: [server(24), server(25)] }), observed).problems).toEqual([])
  })

  it('identity providers: 299 in the pool + 2 new are refused with 301 > 300', () => {
    const names = range(299).map((i) => `old-${i}`)
    const { problems } = planOf(
      identityProvider,
      planDesired({ federatedProviders: [oidc(1), oidc(2)] }),
      observedState({ providerNames: names, providers: [] }),
    )
    expect(problems).toEqual([
      expect.stringMatching(
        /^federated-providers: user pool 'openmetadata' has 299 identity providers and this run would create 2: 301, over Cognito's limit of 300 \(Identity providers per user pool, /,
      ),
    ])
    expect(planOf(identityProvider, planDesired({ federatedProviders: [oidc(1)] }), observedState({ providerNames: names, providers: [] })).problems).toEqual(
      [],
    )
  })

  it('app clients: a create or a replacement in a pool of 1,000 clients is refused; an update is not', () => {
    const full = observedState({ matchingClientIds: [], client: undefined, clientCount: 1000 })
    expect(planOf(client, planDesired(), full).problems).toEqual([
      expect.stringMatching(
        /^client-name: user pool 'openmetadata' has 1,000 app clients and this run would create 1: 1,001, over Cognito's limit of 1,000 \(App clients per user pool, /,
      ),
    ])
    expect(planOf(client, planDesired(), { ...full, clientCount: 999 }).problems).toEqual([])
    const replacing = planOf(client, planDesired({ clientType: 'confidential', allowClientReplacement: true }), observedState({ clientCount: 1000 }))
    expect(replacing.steps[0]?.action).toBe('replace')
    expect(replacing.problems).toEqual([expect.stringContaining('1,001, over')])
    const updating = planOf(client, planDesired({ callbackUrls: ['https://om.example.com/other'] }), observedState({ clientCount: 1000 }))
    expect(updating.steps[0]?.action).toBe('update')
    expect(updating.problems).toEqual([])
  })

  it('groups: what the pool keeps (less the groups removed) plus what is created', () => {
    const groups = range(9_999).map((i) => ({ name: `g-${i}` }))
    const two = [{ name: 'new-1' }, { name: 'new-2' }]
    expect(planOf(userGroups, planDesired({ userGroups: two }), observedState({ groups })).problems).toEqual([
      expect.stringMatching(
        /^user-groups: user pool 'openmetadata' has 9,999 groups and this run would create 2: 10,001, over Cognito's limit of 10,000 \(Groups per user pool, /,
      ),
    ])
    // One removed: 9,998 kept + 2 = 10,000.
    expect(planOf(userGroups, planDesired({ userGroups: [...two, { name: 'g-1', remove: true }] }), observedState({ groups })).problems).toEqual([])
  })
})

describe("invitations with Cognito's default email: 50 a day per account (AWSB-203)", () => {
  const addresses = (n: number): string[] => range(n).map((i) => `user-${i}@example.com`)
  const ses = { account: 'DEVELOPER', sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com' }

  it('51 invitations from a new pool without email-sender are refused, with the number, the page and both fixes', () => {
    const { problems, steps } = planOf(users, planDesired({ inviteUsers: addresses(51) }), { matchingPoolIds: [], matchingClientIds: [] })
    expect(steps[0]?.changes).toHaveLength(51)
    expect(problems).toEqual([
      "invite-users: this run would send 51 invitations and user pool 'openmetadata' would send mail with Cognito's default email, which sends at most 50 messages a day " +
        `per AWS account, not adjustable (Email messages sent daily per AWS account, ${PAGE}); set email-sender: ses-identity=<SES identity ARN>, from=… to send through Amazon SES, ` +
        'or invite at most 50 addresses a day (the rest on later days: invited users are kept, a rerun invites only the missing ones)',
    ])
  })

  it('counts only the invitations this run sends: 51 listed, 1 already in the pool, is 50', () => {
    expect(planOf(users, planDesired({ inviteUsers: addresses(51) }), observedState({ userEmails: ['user-7@example.com'] })).problems).toEqual([])
    expect(planOf(users, planDesired({ inviteUsers: addresses(50) }), { matchingPoolIds: [], matchingClientIds: [] }).problems).toEqual([])
  })

  it('an existing pool that uses its default email is refused; SES, planned or described, is not limited', () => {
    const cognitoMail = observedState({ pool: observedPool({ settings: { 'email-sender': { account: 'COGNITO_DEFAULT' } } }), userEmails: [] })
    expect(planOf(users, planDesired({ inviteUsers: addresses(51) }), cognitoMail).problems).toEqual([
      expect.stringContaining("user pool 'openmetadata' sends mail with Cognito's default email"),
    ])
    expect(planOf(users, planDesired({ inviteUsers: addresses(1000), settings: { 'email-sender': ses } }), cognitoMail).problems).toEqual([])
    const sesPool = observedState({ pool: observedPool({ settings: { 'email-sender': ses } }), userEmails: [] })
    expect(planOf(users, planDesired({ inviteUsers: addresses(1000) }), sesPool).problems).toEqual([])
    // email-sender: cognito on a pool that has SES: the default email after this run, so limited.
    expect(dailyMailProblem(planDesired({ settings: { 'email-sender': { account: 'COGNITO_DEFAULT' } } }), sesPool, 51)).toContain('51 invitations')
  })
})
