// Create from nothing, converge without writes, change one setting, and leave hand-made settings alone.
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_ID,
  NODES,
  actions,
  describeClient,
  describeDomain,
  describePool,
  editClient,
  editPool,
  expectExit,
  idsOf,
  inputsFor,
  listClients,
  omit,
  operations,
  parsePlan,
  poolIdsNamed,
  run,
  useLocalCognito,
  writeOperations,
  type Doc,
  type LocalCognito,
  expectNoIdsInClear,
} from './helpers.js'

describe.each(NODES)('lifecycle under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('creates the pool, domain and public client from nothing', async () => {
    const { lc } = ctx
    const inputs = inputsFor('create')
    const r = await run(node, lc, inputs)
    expectExit(r, 0)
    await expectNoIdsInClear(r, lc)
    expect(r.errors).toEqual([])
    expect(r.outputs.changed).toBe('true')

    const { poolId, poolArn, clientId } = idsOf(r)
    expect(poolArn).toBe(`arn:aws:cognito-idp:us-east-1:${ACCOUNT_ID}:userpool/${poolId}`)
    expect(r.outputs.domain).toBe(inputs.domain)
    expect(r.outputs['hosted-ui-url']).toBe(`${lc.url}/_domain/${inputs.domain}`)
    expect(r.outputs.issuer).toBe(`${lc.url}/${poolId}`)
    expect(r.outputs['jwks-uri']).toBe(`${lc.url}/${poolId}/.well-known/jwks.json`)
    const plan = parsePlan(r)
    expect(plan.changed).toBe(true)
    expect(plan.problems).toEqual([])
    expect(actions(r)).toEqual({ pool: 'create', domain: 'create', client: 'create' })
    expect(r.outputs.plan).not.toContain(poolId)
    expect(r.outputs.plan).not.toContain(clientId)

    // What AWS now holds.
    expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toEqual([poolId])
    const pool = await describePool(lc, poolId)
    const email = (pool.SchemaAttributes as Doc[]).find((a) => a.Name === 'email')
    expect(email?.Required).toBe(true)
    expect(pool.UsernameAttributes).toEqual(['email'])
    expect(pool.AutoVerifiedAttributes).toContain('email')
    expect(pool.DeletionProtection).toBe('ACTIVE')
    expect(pool.UserPoolTags).toMatchObject({ 'managed-by': 'cognito-sso-action' })
    expect(pool.Domain).toBe(inputs.domain)
    expect((await describeDomain(lc, inputs.domain ?? '')).UserPoolId).toBe(poolId)

    const clients = await listClients(lc, poolId)
    expect(clients.map((c) => [c.ClientId, c.ClientName])).toEqual([[clientId, `${inputs['pool-name']}-client`]])
    const client = await describeClient(lc, poolId, clientId)
    expect(client.ClientSecret).toBeUndefined()
    expect(client.CallbackURLs).toEqual([inputs['callback-urls']])
    expect(client.AllowedOAuthFlows).toEqual(['code'])
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile'])
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true)
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO'])

    expect(lc.contractViolations).toEqual([])
  })

  it('a second run with the same inputs changes nothing and only reads', async () => {
    const { lc } = ctx
    const inputs = inputsFor('again')
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    lc.clearCalls()

    const r = await run(node, lc, inputs)
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('false')
    expect(actions(r)).toEqual({ pool: 'no-op', domain: 'no-op', client: 'no-op' })
    expect(writeOperations(lc)).toEqual([])
    // Found through its domain: no ListUserPools.
    expect(operations(lc).sort()).toEqual(['DescribeUserPool', 'DescribeUserPoolClient', 'DescribeUserPoolDomain', 'ListUserPoolClients'])
    for (const name of ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri', 'domain', 'hosted-ui-url']) {
      expect(r.outputs[name], name).toBe(first.outputs[name])
    }
    expect(lc.contractViolations).toEqual([])
  })

  it('a changed callback URL is one UpdateUserPoolClient that keeps everything else', async () => {
    const { lc } = ctx
    const inputs = inputsFor('callback')
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const { poolId, clientId } = idsOf(first)
    const poolBefore = await describePool(lc, poolId)
    const clientBefore = await describeClient(lc, poolId, clientId)
    lc.clearCalls()

    const urls = ['https://callback.example.com/callback', 'https://callback.example.com/oauth2/idpresponse']
    const r = await run(node, lc, { ...inputs, 'callback-urls': urls.join('\n') })
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('true')
    expect(actions(r)).toEqual({ pool: 'no-op', domain: 'no-op', client: 'update' })
    expect(writeOperations(lc)).toEqual(['UpdateUserPoolClient'])
    expect(idsOf(r)).toEqual(idsOf(first))

    const clientAfter = await describeClient(lc, poolId, clientId)
    expect(clientAfter.CallbackURLs).toEqual(urls)
    expect(omit(clientAfter, 'CallbackURLs', 'LastModifiedDate')).toEqual(omit(clientBefore, 'CallbackURLs', 'LastModifiedDate'))
    expect(await describePool(lc, poolId)).toEqual(poolBefore)
    expect(lc.contractViolations).toEqual([])
  })

  it('settings made by hand survive a no-change run, a pool update and a client update', async () => {
    const { lc } = ctx
    const inputs = inputsFor('handmade')
    const first = await run(node, lc, inputs)
    expectExit(first, 0)
    const { poolId, poolArn, clientId } = idsOf(first)

    // Hand edits, as an administrator makes them in the console.
    const lambda = `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:pre-sign-up`
    const passwordPolicy = {
      MinimumLength: 12,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 3,
    }
    await lc.invoke('SetUserPoolMfaConfig', { UserPoolId: poolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' })
    await lc.invoke('TagResource', { ResourceArn: poolArn, Tags: { team: 'data-platform' } })
    const pool0 = await describePool(lc, poolId)
    await editPool(lc, poolId, { Policies: { ...pool0.Policies, PasswordPolicy: passwordPolicy }, LambdaConfig: { PreSignUp: lambda } })
    const tokens = {
      AccessTokenValidity: 30,
      IdTokenValidity: 2,
      RefreshTokenValidity: 10,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
    }
    await editClient(lc, poolId, clientId, tokens)

    const handPool = await describePool(lc, poolId)
    const handClient = await describeClient(lc, poolId, clientId)
    const handMfa = await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: poolId })
    // The hand edits took (otherwise this test proves nothing).
    expect(handPool.Policies.PasswordPolicy).toMatchObject(passwordPolicy)
    expect(handPool.LambdaConfig).toEqual({ PreSignUp: lambda })
    expect(handPool.MfaConfiguration).toBe('OPTIONAL')
    // The run token tag of the run that created the pool stays; the action never rewrites tags.
    expect(handPool.UserPoolTags).toEqual({ 'cognito-sso-action:run': expect.any(String), 'managed-by': 'cognito-sso-action', team: 'data-platform' })
    expect(handMfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true })
    expect(handClient).toMatchObject(tokens)

    const expectHandSettings = async (lc: LocalCognito, when: string): Promise<{ pool: Doc; client: Doc }> => {
      const pool = await describePool(lc, poolId)
      const client = await describeClient(lc, poolId, clientId)
      expect(pool.Policies, `password policy after ${when}`).toEqual(handPool.Policies)
      expect(pool.LambdaConfig, `Lambda triggers after ${when}`).toEqual({ PreSignUp: lambda })
      expect(pool.MfaConfiguration, `MFA after ${when}`).toBe('OPTIONAL')
      expect(pool.UserPoolTags, `tags after ${when}`).toEqual(handPool.UserPoolTags)
      expect(await lc.invoke('GetUserPoolMfaConfig', { UserPoolId: poolId }), `MFA config after ${when}`).toEqual(handMfa)
      expect(client, `token validity after ${when}`).toMatchObject(tokens)
      return { pool, client }
    }

    // (a) no change: no writes at all.
    lc.clearCalls()
    const a = await run(node, lc, inputs)
    expectExit(a, 0)
    expect(a.outputs.changed).toBe('false')
    expect(writeOperations(lc)).toEqual([])
    await expectHandSettings(lc, 'a no-change run')

    // (b) deletion protection off: UpdateUserPool, which must carry every other setting over.
    lc.clearCalls()
    const noProtection = { ...inputs, 'deletion-protection': 'false' }
    const b = await run(node, lc, noProtection)
    expectExit(b, 0)
    expect(actions(b)).toEqual({ pool: 'update', domain: 'no-op', client: 'no-op' })
    expect(writeOperations(lc)).toEqual(['UpdateUserPool'])
    const afterB = await expectHandSettings(lc, 'a pool update')
    expect(afterB.pool.DeletionProtection).toBe('INACTIVE')
    expect(omit(afterB.pool, 'DeletionProtection', 'LastModifiedDate')).toEqual(omit(handPool, 'DeletionProtection', 'LastModifiedDate'))
    expect(afterB.client).toEqual(handClient)

    // (c) logout URLs: UpdateUserPoolClient, which must carry every other setting over.
    lc.clearCalls()
    const c = await run(node, lc, { ...noProtection, 'logout-urls': 'https://handmade.example.com/signed-out' })
    expectExit(c, 0)
    expect(actions(c)).toEqual({ pool: 'no-op', domain: 'no-op', client: 'update' })
    expect(writeOperations(lc)).toEqual(['UpdateUserPoolClient'])
    const afterC = await expectHandSettings(lc, 'a client update')
    expect(afterC.client.LogoutURLs).toEqual(['https://handmade.example.com/signed-out'])
    expect(omit(afterC.client, 'LogoutURLs', 'LastModifiedDate')).toEqual(omit(handClient, 'LogoutURLs', 'LastModifiedDate'))
    expect(afterC.pool).toEqual(afterB.pool)
    expect(lc.contractViolations).toEqual([])
  })
})
