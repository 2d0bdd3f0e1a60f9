import {
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type ListUserPoolClientsRequest,
  type ListUserPoolsRequest,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Cognito as CognitoApi } from '../../src/aws/cognito.js'
import { createClientCall, describeClient, findClientIds, updateClient } from '../../src/resources/client/calls.js'
import { domainOwner } from '../../src/resources/domain/calls.js'
import { createPoolCall, describePool, findPoolIds } from '../../src/resources/pool/calls.js'
import { createCognitoClient, USER_AGENT } from '../../src/aws/client.js'
import { AwsCallError } from '../../src/aws/errors.js'
import { awsError, describedClient, describedPool, mockCognito, operations, POOL_ID, REGION, sent, type Mocked } from '../support/aws.js'

let m: Mocked
beforeEach(() => {
  m = mockCognito()
})
afterEach(() => {
  m.cognito.restore()
})

/** Awaits a promise that must reject, and returns the rejection. */
async function rejection(promise: Promise<unknown>): Promise<AwsCallError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AwsCallError)
    return error as AwsCallError
  }
  throw new Error('expected a rejection')
}

describe('findPoolIds', () => {
  const pages: Record<string, { UserPools: { Id: string; Name: string }[]; NextToken?: string }> = {
    first: {
      UserPools: [
        { Id: 'p1', Name: 'openmetadata' },
        { Id: 'p2', Name: 'openmetadata-dev' },
      ],
      NextToken: 't1',
    },
    t1: {
      UserPools: [
        { Id: 'p3', Name: 'OpenMetadata' },
        { Id: 'p4', Name: 'openmetadata' },
        { Id: 'p5', Name: 'prod-openmetadata' },
      ],
      NextToken: 't2',
    },
    t2: {
      UserPools: [
        { Id: 'p6', Name: ' openmetadata' },
        { Id: 'p7', Name: 'openmetadata' },
      ],
    },
  }

  it('follows NextToken across all pages, asks for 60 a page and matches the name exactly', async () => {
    // The paginator reuses one input object across pages, so inputs are copied as each call is made.
    const seen: ListUserPoolsRequest[] = []
    m.cognito.on(ListUserPoolsCommand).callsFake((input: ListUserPoolsRequest) => {
      seen.push({ ...input })
      return pages[input.NextToken ?? 'first']
    })
    await expect(findPoolIds(m.api, 'openmetadata')).resolves.toEqual(['p1', 'p4', 'p7'])
    expect(seen).toEqual([{ MaxResults: 60 }, { MaxResults: 60, NextToken: 't1' }, { MaxResults: 60, NextToken: 't2' }])
    expect(operations(m.cognito)).toEqual(['ListUserPools', 'ListUserPools', 'ListUserPools'])
  })

  it('returns [] when no pool has the name', async () => {
    m.cognito.on(ListUserPoolsCommand).callsFake((input: ListUserPoolsRequest) => pages[input.NextToken ?? 'first'])
    await expect(findPoolIds(m.api, 'openmeta')).resolves.toEqual([])
    expect(m.cognito).toHaveReceivedCommandTimes(ListUserPoolsCommand, 3)
  })

  it('a NextToken given again (the same, or a cycle) stops the paging with an error, never a silent partial list', async () => {
    const cycle: Record<string, unknown> = {
      first: { UserPools: [], NextToken: 'a' },
      a: { UserPools: [], NextToken: 'b' },
      b: { UserPools: [], NextToken: 'a' },
    }
    m.cognito.on(ListUserPoolsCommand).callsFake((input: ListUserPoolsRequest) => cycle[input.NextToken ?? 'first'])
    const error = await rejection(findPoolIds(m.api, 'openmetadata'))
    expect(error.message).toContain(
      "ListUserPools on user pools named 'openmetadata' failed: ShapeError: AWS answered ListUserPools without a NextToken it had not given before",
    )
    expect(m.cognito).toHaveReceivedCommandTimes(ListUserPoolsCommand, 3)
  })

  it('a page whose list is not a list is a ShapeError', async () => {
    m.cognito.on(ListUserPoolsCommand).resolves({ UserPools: 'us-east-1_X' as never })
    expect((await rejection(findPoolIds(m.api, 'openmetadata'))).message).toContain('AWS answered ListUserPools without UserPools')
  })

  it('maps a failure to AwsCallError naming ListUserPools', async () => {
    m.cognito.on(ListUserPoolsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'))
    const error = await rejection(findPoolIds(m.api, 'openmetadata'))
    expect(error.operation).toBe('ListUserPools')
    expect(error.message).toContain('cognito-idp:ListUserPools')
    expect(error.message).toContain("user pools named 'openmetadata'")
  })
})

describe('findClientIds', () => {
  it('follows NextToken across pages within the pool and matches the name exactly', async () => {
    const pages: Record<string, { UserPoolClients: { ClientId: string; ClientName: string; UserPoolId: string }[]; NextToken?: string }> = {
      first: {
        UserPoolClients: [
          { ClientId: 'c1', ClientName: 'web-admin', UserPoolId: POOL_ID },
          { ClientId: 'c2', ClientName: 'web', UserPoolId: POOL_ID },
        ],
        NextToken: 'n1',
      },
      n1: {
        UserPoolClients: [
          { ClientId: 'c3', ClientName: 'WEB', UserPoolId: POOL_ID },
          { ClientId: 'c4', ClientName: 'web', UserPoolId: POOL_ID },
        ],
      },
    }
    const seen: ListUserPoolClientsRequest[] = []
    m.cognito.on(ListUserPoolClientsCommand).callsFake((input: ListUserPoolClientsRequest) => {
      seen.push({ ...input })
      return pages[input.NextToken ?? 'first']
    })
    await expect(findClientIds(m.api, POOL_ID, 'web')).resolves.toEqual(['c2', 'c4'])
    expect(seen).toEqual([
      { UserPoolId: POOL_ID, MaxResults: 60 },
      { UserPoolId: POOL_ID, MaxResults: 60, NextToken: 'n1' },
    ])
    expect(operations(m.cognito)).toEqual(['ListUserPoolClients', 'ListUserPoolClients'])
  })

  it('a pool that does not exist has no clients (observe reports the missing pool itself)', async () => {
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('ResourceNotFoundException', 'User pool does not exist.'))
    await expect(findClientIds(m.api, POOL_ID, 'web')).resolves.toEqual([])
  })

  it('other failures of ListUserPoolClients name the operation', async () => {
    m.cognito.on(ListUserPoolClientsCommand).rejects(awsError('InternalErrorException', 'boom'))
    const error = await rejection(findClientIds(m.api, POOL_ID, 'web'))
    expect(error.operation).toBe('ListUserPoolClients')
  })
})

describe('describePool / describeClient', () => {
  it('describePool returns the described pool', async () => {
    const pool = describedPool()
    m.cognito.on(DescribeUserPoolCommand, { UserPoolId: POOL_ID }).resolves({ UserPool: pool })
    await expect(describePool(m.api, POOL_ID)).resolves.toEqual(pool)
    expect(m.cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolCommand, { UserPoolId: POOL_ID })
  })

  it('describePool is undefined when the pool does not exist', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('ResourceNotFoundException', 'User pool does not exist.'))
    await expect(describePool(m.api, POOL_ID)).resolves.toBeUndefined()
  })

  it('describePool maps any other failure to AwsCallError', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('AccessDeniedException', 'not allowed'))
    const error = await rejection(describePool(m.api, POOL_ID))
    expect(error.message).toContain('cognito-idp:DescribeUserPool ')
    expect(error.message).toContain(`user pool ${POOL_ID}`)
  })

  it('describeClient returns the described client', async () => {
    const client = describedClient()
    m.cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: client })
    await expect(describeClient(m.api, POOL_ID, 'cid', 'web')).resolves.toEqual(client)
    expect(sent(m.cognito)).toEqual([['DescribeUserPoolClient', { UserPoolId: POOL_ID, ClientId: 'cid' }]])
  })

  it('describeClient is undefined when the client does not exist', async () => {
    m.cognito.on(DescribeUserPoolClientCommand).rejects(awsError('ResourceNotFoundException', 'Client does not exist.'))
    await expect(describeClient(m.api, POOL_ID, 'cid', 'web')).resolves.toBeUndefined()
  })
})

describe('domainOwner', () => {
  it('is undefined for a free prefix (empty DomainDescription)', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    await expect(domainOwner(m.api, 'openmetadata-sso')).resolves.toBeUndefined()
    expect(m.cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolDomainCommand, { Domain: 'openmetadata-sso' })
  })

  it('is the owning pool ID otherwise', async () => {
    m.cognito
      .on(DescribeUserPoolDomainCommand, { Domain: 'openmetadata-sso' })
      .resolves({ DomainDescription: { Domain: 'openmetadata-sso', UserPoolId: 'eu-central-1_Other', Status: 'ACTIVE' } })
    await expect(domainOwner(m.api, 'openmetadata-sso')).resolves.toBe('eu-central-1_Other')
  })
})

describe('error mapping', () => {
  it('AccessDeniedException names the IAM action cognito-idp:<Operation> and the resource', async () => {
    m.cognito.on(UpdateUserPoolClientCommand).rejects(awsError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/ci is not authorized'))
    const error = await rejection(updateClient(m.api, { UserPoolId: POOL_ID, ClientId: 'cid' }, 'openmetadata-web'))
    expect(error.code).toBe('AccessDeniedException')
    expect(error.operation).toBe('UpdateUserPoolClient')
    expect(error.message).toContain('Allow cognito-idp:UpdateUserPoolClient in the IAM policy')
    expect(error.message).toContain("UpdateUserPoolClient on app client 'openmetadata-web' failed")
  })

  it('LimitExceededException says which count limit and how to fix it, per operation (AWSB-200)', () => {
    const page = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html'
    const advice = (operation: string, message = 'limit'): AwsCallError => new AwsCallError(operation, 'it', awsError('LimitExceededException', message))
    expect(advice('CreateIdentityProvider').message).toContain(
      `Cognito's limit of 300 identity providers (Identity providers per user pool, ${page}), not throttling: declare fewer providers`,
    )
    expect(advice('CreateUserPoolClient').message).toContain("Cognito's limit of 1,000 app clients (App clients per user pool")
    expect(advice('CreateGroup').message).toContain("Cognito's limit of 10,000 groups (Groups per user pool")
    expect(advice('CreateUserPoolDomain').message).toContain("Cognito's limit of 4 custom domains (Custom domains per account")
    const mail = advice(
      'AdminCreateUser',
      'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.',
    )
    expect(mail.message).toContain(
      `Cognito's default email sends at most 50 messages a day per AWS account, not adjustable (Email messages sent daily per AWS account, ${page}): set email-sender`,
    )
    expect(advice('CreateUserPool').message).toContain(`one of Cognito's count limits (${page}), not throttling`)
    for (const op of ['CreateIdentityProvider', 'CreateUserPoolClient', 'CreateGroup', 'CreateUserPoolDomain', 'AdminCreateUser', 'CreateUserPool']) {
      expect(advice(op).message).not.toMatch(/request quota|run again later/)
      expect(advice(op).rerunHelps).toBe(false)
    }
  })

  it("InvalidParameterException carries AWS's message", async () => {
    const awsMessage = 'Invalid range for token validity.'
    m.cognito.on(UpdateUserPoolClientCommand).rejects(awsError('InvalidParameterException', awsMessage))
    const error = await rejection(updateClient(m.api, { UserPoolId: POOL_ID, ClientId: 'cid' }, 'openmetadata-web'))
    expect(error.message).toContain(`InvalidParameterException: ${awsMessage}`)
    expect(error.message).toContain('Cognito refused the request')
  })

  it('a network failure says the endpoint could not be reached', async () => {
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })
    m.cognito.on(DescribeUserPoolCommand).rejects(network)
    const error = await rejection(describePool(m.api, POOL_ID))
    expect(error.message).toContain('The Cognito endpoint could not be reached')
    expect(error.original).toBe(network)
  })

  it('a DNS failure (EAI_AGAIN) also says the endpoint could not be reached', async () => {
    const dns = Object.assign(new Error('getaddrinfo EAI_AGAIN cognito-idp.eu-central-1.amazonaws.com'), { code: 'EAI_AGAIN', syscall: 'getaddrinfo' })
    m.cognito.on(DescribeUserPoolCommand).rejects(dns)
    const error = await rejection(describePool(m.api, POOL_ID))
    expect(error.message).toContain('The Cognito endpoint could not be reached')
  })

  it('a failure without a known code suggests running again', async () => {
    m.cognito.on(DescribeUserPoolCommand).rejects(awsError('InternalErrorException', 'oops'))
    const error = await rejection(describePool(m.api, POOL_ID))
    expect(error.message).toContain('Running the action again continues from where this run stopped.')
    expect(error.message).not.toContain('could not be reached')
  })
})

describe('answers without their member are errors, never "nothing exists"', () => {
  it.each([
    ['ListUserPools', 'UserPools', () => findPoolIds(m.api, 'openmetadata'), () => m.cognito.on(ListUserPoolsCommand).resolves({})],
    ['ListUserPoolClients', 'UserPoolClients', () => findClientIds(m.api, POOL_ID, 'web'), () => m.cognito.on(ListUserPoolClientsCommand).resolves({})],
    ['DescribeUserPool', 'UserPool', () => describePool(m.api, POOL_ID), () => m.cognito.on(DescribeUserPoolCommand).resolves({})],
    [
      'DescribeUserPoolClient',
      'UserPoolClient',
      () => describeClient(m.api, POOL_ID, 'c', 'web'),
      () => m.cognito.on(DescribeUserPoolClientCommand).resolves({}),
    ],
    ['DescribeUserPoolDomain', 'DomainDescription', () => domainOwner(m.api, 'login'), () => m.cognito.on(DescribeUserPoolDomainCommand).resolves({})],
  ] as const)('%s answered {}', async (operation, member, call, arrange) => {
    arrange()
    const error = await rejection(call())
    expect(error.operation).toBe(operation)
    expect(error.message).toContain(`AWS answered ${operation} without ${member}`)
  })

  it('an empty DomainDescription is a free prefix', async () => {
    m.cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: {} })
    await expect(domainOwner(m.api, 'login')).resolves.toBeUndefined()
  })
})

describe('createCognitoClient (real client, fake transport)', () => {
  beforeEach(() => {
    // mockClient stubs send on the class prototype; these tests need the real send.
    m.cognito.restore()
    // Credentials are resolved before the request reaches the fake transport; never real ones.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
    vi.stubEnv('AWS_SESSION_TOKEN', undefined)
    vi.stubEnv('AWS_PROFILE', undefined)
    vi.stubEnv('AWS_MAX_ATTEMPTS', undefined)
    vi.stubEnv('AWS_RETRY_MODE', undefined)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
  })

  interface Attempt {
    headers: Record<string, string>
  }

  /**
   * aws-sdk-client-mock replaces `send`, which would bypass the SDK's retry middleware. Instead this
   * stands in for the transport just after retryMiddleware (and the create guard after it), so every attempt goes through the real
   * retry strategy. `answer(n)` is called for attempt n (1-based) and throws or returns the output.
   */
  function fakeTransport(client: CognitoIdentityProviderClient, answer: (attempt: number) => Record<string, unknown>): Attempt[] {
    const attempts: Attempt[] = []
    client.middlewareStack.addRelativeTo(
      () => async (args: { request?: unknown }) => {
        const request = args.request as { headers?: Record<string, string> } | undefined
        attempts.push({ headers: { ...(request?.headers ?? {}) } })
        await Promise.resolve()
        return { output: { $metadata: {}, ...answer(attempts.length) }, response: {} }
      },
      // Where the transport is: after the retry strategy and after the create guard.
      { relation: 'after', toMiddleware: 'outcomeUnknownMiddleware', name: 'fakeTransport' },
    )
    return attempts
  }

  /**
   * Settles `promise` under fake timers: the SDK's backoff and adaptive rate limiter wait with
   * setTimeout (seconds in real time), so the clock is run forward until the call is done.
   */
  async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
    let result: PromiseSettledResult<T> | undefined
    void promise.then(
      (value) => (result = { status: 'fulfilled', value }),
      (reason: unknown) => (result = { status: 'rejected', reason }),
    )
    for (let i = 0; i < 600 && result === undefined; i++) await vi.advanceTimersByTimeAsync(500)
    if (!result) throw new Error('the call did not settle')
    return result
  }

  const throttled = (): Error => awsError('TooManyRequestsException', 'Rate exceeded', { $retryable: { throttling: true } })

  it('retries TooManyRequestsException and then succeeds', async () => {
    vi.useFakeTimers()
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, (n) => {
      if (n <= 2) throw throttled()
      return { UserPool: { Id: POOL_ID, Name: 'openmetadata' } }
    })
    const result = await settle(describePool(new CognitoApi(client), POOL_ID))
    expect(result).toEqual({ status: 'fulfilled', value: { Id: POOL_ID, Name: 'openmetadata' } })
    expect(attempts).toHaveLength(3)
  })

  it('says the quota is exhausted when throttling never stops', async () => {
    vi.useFakeTimers()
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, () => {
      throw throttled()
    })
    const result = await settle(describePool(new CognitoApi(client), POOL_ID))
    if (result.status !== 'rejected') throw new Error('expected the call to fail')
    const error = result.reason as AwsCallError
    expect(error).toBeInstanceOf(AwsCallError)
    // createCognitoClient's default: 8 attempts in all.
    expect(attempts).toHaveLength(8)
    expect(error.code).toBe('TooManyRequestsException')
    expect(error.message).toContain("Cognito's request quota for this account and region is exhausted even after retries")
  })

  it('does not retry an error that is not retryable', async () => {
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, () => {
      throw awsError('InvalidParameterException', 'bad')
    })
    await rejection(describePool(new CognitoApi(client), POOL_ID))
    expect(attempts).toHaveLength(1)
  })

  // AWSB-200: @smithy/core lists LimitExceededException in THROTTLING_ERROR_CODES, but Cognito answers it
  // for a count limit (Terraform's service_package.go withExtraOptions does not retry it).
  it('never retries LimitExceededException (a count limit), in adaptive and standard mode, and names the limit', async () => {
    for (const mode of ['adaptive', 'standard']) {
      vi.stubEnv('AWS_RETRY_MODE', mode)
      const client = createCognitoClient({ region: REGION }, process.env)
      const attempts = fakeTransport(client, () => {
        throw awsError('LimitExceededException', 'The user pool has reached its limit of 25 resource servers.')
      })
      const api = new CognitoApi(client)
      const error = await rejection(api.call('CreateResourceServer', { UserPoolId: POOL_ID, Identifier: 'api', Name: 'api' }, "resource server 'api'"))
      expect(attempts).toHaveLength(1)
      expect(error.code).toBe('LimitExceededException')
      expect(error.rerunHelps).toBe(false)
      expect(error.message).toContain(
        "This is Cognito's limit of 25 resource servers (Resource servers per user pool, https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html), not throttling",
      )
      expect(error.message).not.toMatch(/higher quota|run again later/)
    }
  })

  it('still retries the other throttling codes of @smithy/core (ThrottlingException, 429)', async () => {
    vi.useFakeTimers()
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, (n) => {
      if (n === 1) throw awsError('ThrottlingException', 'Rate exceeded')
      if (n === 2) throw awsError('SlowDown', 'slow', { $metadata: { httpStatusCode: 429 } })
      return { UserPool: { Id: POOL_ID, Name: 'openmetadata' } }
    })
    const result = await settle(describePool(new CognitoApi(client), POOL_ID))
    expect(result.status).toBe('fulfilled')
    expect(attempts).toHaveLength(3)
  })

  const serverError = (): Error => awsError('InternalErrorException', 'boom', { $fault: 'server', $metadata: { httpStatusCode: 500 } })

  it('never sends a create again after an attempt whose outcome is unknown (5xx, reset, timeout)', async () => {
    for (const failure of [
      serverError(),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
    ]) {
      const client = createCognitoClient({ region: REGION })
      const attempts = fakeTransport(client, () => {
        throw failure
      })
      const error = await rejection(createPoolCall(new CognitoApi(client), { PoolName: 'openmetadata' }))
      expect(attempts).toHaveLength(1)
      expect(error.code).toBe('OutcomeUnknownError')
    }
  })

  it('never sends CreateIdentityProvider or CreateResourceServer again after an attempt whose outcome is unknown', async () => {
    for (const failure of [serverError(), Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })]) {
      for (const create of [
        (api: CognitoApi) =>
          api.call(
            'CreateIdentityProvider',
            { UserPoolId: POOL_ID, ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: {} },
            "identity provider 'Okta'",
            ['IdentityProvider'],
          ),
        (api: CognitoApi) =>
          api.call('CreateResourceServer', { UserPoolId: POOL_ID, Identifier: 'https://api', Name: 'api' }, "resource server 'https://api'", [
            'ResourceServer',
          ]),
      ]) {
        const client = createCognitoClient({ region: REGION })
        const attempts = fakeTransport(client, () => {
          throw failure
        })
        const error = await rejection(create(new CognitoApi(client)))
        expect(attempts).toHaveLength(1)
        expect(error.code).toBe('OutcomeUnknownError')
      }
    }
  })

  it('retries a create that was throttled (refused before processing)', async () => {
    vi.useFakeTimers()
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, (n) => {
      if (n <= 2) throw throttled()
      return { UserPoolClient: { ClientId: 'c1' } }
    })
    const result = await settle(createClientCall(new CognitoApi(client), { UserPoolId: POOL_ID, ClientName: 'web' }).then((c) => c.id))
    expect(result).toEqual({ status: 'fulfilled', value: 'c1' })
    expect(attempts).toHaveLength(3)
  })

  it('retries a read after a 5xx or a timeout', async () => {
    vi.useFakeTimers()
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, (n) => {
      if (n === 1) throw serverError()
      if (n === 2) throw Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' })
      return { UserPool: { Id: POOL_ID } }
    })
    const result = await settle(describePool(new CognitoApi(client), POOL_ID))
    expect(result).toEqual({ status: 'fulfilled', value: { Id: POOL_ID } })
    expect(attempts).toHaveLength(3)
  })

  it('sends the custom user agent', async () => {
    const client = createCognitoClient({ region: REGION })
    const attempts = fakeTransport(client, () => ({ UserPool: { Id: POOL_ID } }))
    await describePool(new CognitoApi(client), POOL_ID)
    const headers = attempts[0]?.headers ?? {}
    const userAgent = Object.entries(headers)
      .filter(([name]) => /user-agent/i.test(name))
      .map(([, value]) => value)
      .join(' ')
    expect(userAgent).toContain(USER_AGENT)
  })

  it('resolves region, adaptive retries, 8 attempts and the user agent by default', async () => {
    const client = createCognitoClient({ region: REGION })
    await expect(client.config.region()).resolves.toBe(REGION)
    await expect(client.config.maxAttempts()).resolves.toBe(8)
    expect(client.config.retryMode).toBe('adaptive')
    expect(client.config.customUserAgent).toEqual([[USER_AGENT]])
  })

  it('uses options.maxAttempts when AWS_MAX_ATTEMPTS is not set', async () => {
    const client = createCognitoClient({ region: REGION, maxAttempts: 5 })
    await expect(client.config.maxAttempts()).resolves.toBe(5)
  })

  it('lets AWS_MAX_ATTEMPTS win over options.maxAttempts', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '3')
    const client = createCognitoClient({ region: REGION, maxAttempts: 5 }, process.env)
    await expect(client.config.maxAttempts()).resolves.toBe(3)
  })

  it('lets AWS_RETRY_MODE win over adaptive', async () => {
    vi.stubEnv('AWS_RETRY_MODE', 'standard')
    const client = createCognitoClient({ region: REGION }, process.env)
    const mode: unknown = client.config.retryMode
    const resolved = typeof mode === 'function' ? await (mode as () => Promise<string>)() : mode
    expect(resolved).toBe('standard')
  })
})

describe('create calls', () => {
  it('createPool returns the new pool as AWS describes it; a response without an ID is an error', async () => {
    m.cognito
      .on(CreateUserPoolCommand)
      .resolvesOnce({ UserPool: { Id: POOL_ID, Arn: 'arn:x' } })
      .resolvesOnce({ UserPool: {} })
    await expect(createPoolCall(m.api, { PoolName: 'openmetadata' })).resolves.toEqual({ Id: POOL_ID, Arn: 'arn:x' })
    const error = await rejection(createPoolCall(m.api, { PoolName: 'openmetadata' }))
    // An empty 200 to a create: the pool may exist, so the outcome is unknown (apply looks again).
    expect(error.code).toBe('OutcomeUnknownError')
    expect(error.message).toContain('AWS answered CreateUserPool without UserPool.Id')
  })
})
