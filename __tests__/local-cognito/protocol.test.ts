import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, raw, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
let client: CognitoIdentityProviderClient

beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
  client = sdk(lc)
})
afterAll(async () => {
  client.destroy()
  await lc.close()
})
afterEach(() => {
  lc.faults.clear()
  lc.allowOperations = undefined
  lc.latencyMs = 0
  lc.clearCalls()
})

describe('AWS JSON 1.1 protocol', () => {
  it('listens on 127.0.0.1 and answers a success with the JSON 1.1 content type and a request id', async () => {
    expect(lc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await raw(lc, 'CreateUserPool', { PoolName: 'proto' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    // timestamps are epoch seconds on the wire
    expect(typeof res.body.UserPool.CreationDate).toBe('number')
    expect(res.body.UserPool.CreationDate).toBeCloseTo(Date.now() / 1000, -1)
  })

  it('sends errors as 400 with __type, message, x-amzn-ErrorType and x-amzn-RequestId', async () => {
    const res = await raw(lc, 'DescribeUserPool', { UserPoolId: 'us-east-1_nothere00' })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' })
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException')
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy()
  })

  it('the SDK parses errors: name, message, status and request id', async () => {
    const e = await failure(client.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })))
    expect(e.name).toBe('ResourceNotFoundException')
    expect(e.message).toBe('User pool us-east-1_nothere00 does not exist.')
    expect(e.$metadata.httpStatusCode).toBe(400)
    expect(e.$metadata.requestId).toBeTruthy()
    expect(e.$fault).toBe('client')
  })

  it('requires a SigV4-shaped Authorization header', async () => {
    const res = await raw(lc, 'ListUserPools', { MaxResults: 1 }, { Authorization: 'Bearer x' })
    expect(res.status).toBe(400)
    expect(res.body.__type).toBe('UnrecognizedClientException')
    expect(lc.calls.at(-1)).toMatchObject({ operation: 'ListUserPools', status: 400, error: { code: 'UnrecognizedClientException' } })
  })

  it('rejects unknown or unimplemented operations with UnknownOperationException naming them', async () => {
    const res = await raw(lc, 'AdminDeleteUser', { UserPoolId: 'x_y', Username: 'u' })
    expect(res.status).toBe(400)
    expect(res.body.__type).toBe('UnknownOperationException')
    expect(res.body.message).toContain('AdminDeleteUser')
    const bogus = await raw(lc, 'NoSuchThing', {})
    expect(bogus.body.__type).toBe('UnknownOperationException')
  })

  it('records every call in arrival order; writeCalls() keeps the non Describe/List/Get ones', async () => {
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'calls' }))
    await client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))
    await failure(client.send(new CreateUserPoolCommand({ PoolName: 'bad/name' })))
    expect(lc.calls.map((c) => [c.operation, c.status])).toEqual([
      ['CreateUserPool', 200],
      ['DescribeUserPool', 200],
      ['CreateUserPool', 400],
    ])
    expect(lc.calls[0]!.request).toEqual({ PoolName: 'calls' })
    expect((lc.calls[1]!.response as { UserPool: { Id: string } }).UserPool.Id).toBe(UserPool!.Id)
    expect(lc.calls[2]!.error?.code).toBe('InvalidParameterException')
    expect(lc.writeCalls().map((c) => c.operation)).toEqual(['CreateUserPool', 'CreateUserPool'])
    lc.clearCalls()
    expect(lc.calls).toEqual([])
  })

  it('invoke() runs an operation with the same validation, without recording it', async () => {
    const out = await lc.invoke('CreateUserPool', { PoolName: 'seeded' })
    expect(out.UserPool.Name).toBe('seeded')
    expect(typeof out.UserPool.CreationDate).toBe('number')
    const e = await failure(lc.invoke('CreateUserPool', {}))
    expect(e).toBeInstanceOf(Error)
    expect(e.code).toBe('InvalidParameterException')
    expect(lc.calls).toEqual([])
  })
})

describe('fault injection, latency and allow-list', () => {
  it('throttle: TooManyRequestsException, retried by the SDK when maxAttempts > 1', async () => {
    lc.faults.add({ operation: 'ListUserPools', kind: 'throttle', times: 2 })
    const e = await failure(client.send(new ListUserPoolsCommand({ MaxResults: 1 })))
    expect(e.name).toBe('TooManyRequestsException')
    const retrying = sdk(lc, 3)
    const out = await retrying.send(new ListUserPoolsCommand({ MaxResults: 1 }))
    retrying.destroy()
    expect(out.UserPools).toHaveLength(1)
    expect(lc.calls.map((c) => c.status)).toEqual([400, 400, 200])
  }, 10_000)

  it('server-error: 500 InternalErrorException; the fault applies to the named operation only', async () => {
    lc.faults.add({ operation: 'CreateUserPool', kind: 'server-error', times: 1 })
    await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))
    const res = await raw(lc, 'CreateUserPool', { PoolName: 'x' })
    expect(res.status).toBe(500)
    expect(res.body.__type).toBe('InternalErrorException')
    const ok = await client.send(new CreateUserPoolCommand({ PoolName: 'x' })) // fault consumed
    expect(ok.UserPool?.Name).toBe('x')
  })

  it("reset: destroys the socket without a response; '*' matches any operation", async () => {
    lc.faults.add({ operation: '*', kind: 'reset', times: 1 })
    const e = await failure(client.send(new ListUserPoolsCommand({ MaxResults: 1 })))
    expect(e.$metadata?.httpStatusCode).toBeUndefined()
    expect(lc.calls.at(-1)).toMatchObject({ operation: 'ListUserPools', status: 0 })
    await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))
  })

  it('invoke() ignores faults and the allow-list', async () => {
    lc.faults.add({ operation: '*', kind: 'server-error', times: 1 })
    lc.allowOperations = []
    await lc.invoke('ListUserPools', { MaxResults: 1 })
    expect(lc.faults.pending).toHaveLength(1)
  })

  it('allowOperations: anything else is AccessDeniedException as IAM words it', async () => {
    const { UserPool } = await lc.invoke('CreateUserPool', { PoolName: 'iam' })
    lc.allowOperations = ['DescribeUserPool']
    await client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool.Id }))
    const res = await raw(lc, 'DeleteUserPool', { UserPoolId: UserPool.Id })
    expect(res.status).toBe(400)
    expect(res.body.__type).toBe('AccessDeniedException')
    expect(res.body.message).toBe(
      `User: arn:aws:sts::123456789012:assumed-role/local/session is not authorized to perform: cognito-idp:DeleteUserPool on resource: ${UserPool.Arn} because no identity-based policy allows the cognito-idp:DeleteUserPool action`,
    )
    const e = await failure(client.send(new ListUserPoolsCommand({ MaxResults: 1 })))
    expect(e.name).toBe('AccessDeniedException')
    expect((await lc.invoke('DescribeUserPool', { UserPoolId: UserPool.Id })).UserPool.Id).toBe(UserPool.Id)
  })

  it('latencyMs delays each API call', async () => {
    lc.latencyMs = 60
    const t = Date.now()
    await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))
    expect(Date.now() - t).toBeGreaterThanOrEqual(55)
  })

  it('has no contract violations', () => {
    expect(lc.contractViolations).toEqual([])
  })
})
