import { readFileSync, readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateUserPoolClientCommand, CreateUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { checkOutput, model, modelErrors, skippedPatterns, validateInput } from '../../tools/local-cognito/validate.js'
import { failure, raw, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
let client: CognitoIdentityProviderClient
let poolId: string

beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
  client = sdk(lc)
  poolId = (await lc.invoke('CreateUserPool', { PoolName: 'validation' })).UserPool.Id
})
afterAll(async () => {
  client.destroy()
  await lc.close()
})

describe('model-driven input validation', () => {
  it('compiles every pattern of the model (the Java "(?s)" inline flag is translated; none skipped)', () => {
    expect(skippedPatterns()).toEqual([])
    expect(
      validateInput('UpdateUserPool', { UserPoolId: 'us-east-1_a', AdminCreateUserConfig: { InviteMessageTemplate: { SMSMessage: 'line1\nline2 {####}' } } }),
    ).toBeNull()
  })

  it('missing required member', async () => {
    const e = await failure(client.send(new CreateUserPoolCommand({} as never)))
    expect(e.name).toBe('InvalidParameterException')
    expect(e.message).toBe("1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null")
  })

  it('string too long and pattern, several errors in one message', async () => {
    const e = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'a'.repeat(129) })))
    expect(e.message).toBe(
      `1 validation error detected: Value '${'a'.repeat(129)}' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    )
    const e2 = await failure(client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x/y' })))
    expect(e2.message).toBe(
      "1 validation error detected: Value 'x/y' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    )
    const e3 = await failure(client.send(new CreateUserPoolClientCommand({ UserPoolId: 'nope', ClientName: '' })))
    expect(e3.message).toBe(
      "3 validation errors detected: Value 'nope' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
        "Value '' at 'clientName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    )
  })

  it('patterns must match the whole string (AWS searches them, so they are anchored)', () => {
    expect(validateInput('DescribeUserPool', { UserPoolId: 'us-east-1_abc' })).toBeNull()
    expect(validateInput('DescribeUserPool', { UserPoolId: 'us-east-1_abc!' })).toContain("at 'userPoolId'")
    // \p{L} patterns need the u flag
    expect(validateInput('CreateUserPool', { PoolName: 'p', Schema: [{ Name: 'ÉtÉ' }] })).toBeNull()
  })

  it('enum, nested member paths and number ranges', async () => {
    const e = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'p', MfaConfiguration: 'SOMETIMES' as never })))
    expect(e.message).toBe(
      "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    )
    const e2 = await failure(client.send(new CreateUserPoolCommand({ PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: 200 } } })))
    expect(e2.message).toBe(
      "1 validation error detected: Value '200' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value less than or equal to 99",
    )
    const e3 = await failure(
      client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', AllowedOAuthFlows: ['code', 'token' as never] })),
    )
    expect(e3.message).toBe(
      "1 validation error detected: Value '[code, token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [code, implicit, client_credentials]]",
    )
    expect(validateInput('CreateUserPool', { PoolName: 'p', AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email' }] } })).toBe(
      "1 validation error detected: Value null at 'accountRecoverySetting.recoveryMechanisms.1.member.priority' failed to satisfy constraint: Member must not be null",
    )
  })

  it('list sizes', async () => {
    const e = await failure(
      client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', CallbackURLs: Array.from({ length: 101 }, (_, i) => `https://e.com/${i}`) }),
      ),
    )
    expect(e.message).toContain("at 'callbackURLs' failed to satisfy constraint: Member must have length less than or equal to 100")
    expect(validateInput('CreateUserPool', { PoolName: 'p', Schema: [] })).toContain(
      "at 'schema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
  })

  it('types and unknown members (sent raw: the SDK drops members it does not know)', async () => {
    const res = await raw(lc, 'CreateUserPool', { PoolName: 'p', Bogus: 1 })
    expect(res.status).toBe(400)
    expect(res.body.__type).toBe('InvalidParameterException')
    expect(res.body.message).toContain("'bogus'")
    const t = await raw(lc, 'ListUserPools', { MaxResults: '10' })
    expect(t.body.message).toContain("at 'maxResults' failed to satisfy constraint: Member must be of type integer")
    const b = await raw(lc, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c', GenerateSecret: 'yes' })
    expect(b.body.message).toContain("at 'generateSecret' failed to satisfy constraint: Member must be of type boolean")
  })

  it('does not echo sensitive values', () => {
    expect(validateInput('DescribeUserPoolClient', { UserPoolId: 'us-east-1_a', ClientId: 'a/b' })).toBe(
      "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    )
  })
})

describe('output contract', () => {
  it('strips members the model does not define and records the violation', () => {
    const { value, violations } = checkOutput('DescribeUserPool', { UserPool: { Id: 'x', Bogus: 1, Status: 'Weird' } })
    expect(value).toEqual({ UserPool: { Id: 'x', Status: 'Weird' } })
    expect(violations).toHaveLength(2)
  })

  it('every error code the server can produce is listed in the model for its operation', () => {
    const dir = new URL('../../tools/local-cognito/', import.meta.url)
    // The backend and its per-resource files (moved out of cognito.js), each file's handlers after its helpers.
    const src = ['cognito.js', 'pools.js', 'clients.js', 'domains.js', 'tags-mfa.js', 'federation.js']
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n')
    // the handlers, split by their names
    const handlerNames = Object.keys(model.operations).filter((op) => src.includes(`    ${op}(req) {`))
    expect(handlerNames.length).toBeGreaterThanOrEqual(21)
    const helpers: Record<string, string[]> = {
      getPool: ['ResourceNotFoundException'],
      getClient: ['ResourceNotFoundException'],
      poolByArn: ['ResourceNotFoundException'],
      decodeToken: ['InvalidParameterException'],
      page: ['InvalidParameterException'],
      poolSettings: ['InvalidParameterException'],
      checkMfa: ['InvalidParameterException'],
      buildSchema: ['InvalidParameterException'],
      checkClientSettings: ['InvalidParameterException', 'ScopeDoesNotExistException', 'InvalidOAuthFlowException'],
      checkProvider: ['InvalidParameterException'],
      checkScopes: ['InvalidParameterException'],
    }
    for (const op of handlerNames) {
      const start = src.indexOf(`    ${op}(req) {`)
      const end = src.indexOf('\n    },\n', start)
      const body = src.slice(start, end)
      const codes = new Set<string>(['InvalidParameterException']) // model validation
      for (const m of body.matchAll(/new AwsError\('(\w+)'/g)) codes.add(m[1]!)
      if (body.includes('invalidParameter(')) codes.add('InvalidParameterException')
      if (body.includes('notFound(')) codes.add('ResourceNotFoundException')
      for (const [fn, fnCodes] of Object.entries(helpers)) if (body.includes(`${fn}(`)) fnCodes.forEach((c) => codes.add(c))
      for (const code of codes) expect(modelErrors(op), `${op} → ${code}`).toContain(code)
    }
    expect(readdirSync(dir)).toContain('NOTICE')
  })
})

describe('no contract violations in this file', () => {
  it('is empty', () => {
    expect(lc.contractViolations).toEqual([])
  })
})
