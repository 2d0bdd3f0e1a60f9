// The one place that builds the SDK client.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import type {
  RetryErrorInfo,
  RetryStrategy,
  RetryStrategyV2,
  RetryToken,
  StandardRetryToken,
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  MetadataBearer,
} from '@smithy/types'
import { COUNT_LIMIT_CODES, OutcomeUnknownError } from './errors.js'
import { CREATES } from './operations.js'
import { proxyAgents } from './proxy.js'

export const USER_AGENT = 'cognito-sso-action'

/** Seconds an AWS call may take (each attempt: connecting, then waiting for the answer). */
export const DEFAULT_AWS_TIMEOUT_SECONDS = 30

export interface ClientOptions {
  /** Empty: the SDK's own chain (AWS_REGION, then the AWS_PROFILE's config file...). */
  region: string
  /** Total attempts per call, the first included. AWS_MAX_ATTEMPTS, when set, wins. */
  maxAttempts?: number
  /** Per-attempt timeout in seconds (the aws-timeout input); COGNITO_SSO_AWS_TIMEOUT, when set, wins. */
  timeoutSeconds?: number
  /** One line per AWS call (operation, outcome, duration, attempts, retry delay); never IDs or values. */
  debug?: (line: string) => void
  /** The clock for the debug line's duration; Date.now by default. */
  now?: () => number
}

/** The debug line for one AWS call: the operation only, no request or response values (so no IDs). */
export function callLine(operation: string, outcome: string, ms: number, metadata: { attempts?: number; totalRetryDelay?: number } | undefined): string {
  const attempts = metadata?.attempts ?? 1
  return `aws: ${operation.replace(/Command$/, '')} ${outcome} in ${Math.round(ms)} ms, ${attempts} attempt${attempts === 1 ? '' : 's'} (${attempts - 1} retr${attempts - 1 === 1 ? 'y' : 'ies'}, ${metadata?.totalRetryDelay ?? 0} ms retry delay)`
}

/** The SDK's command names of the creates (operations.ts): never retried after an unknown outcome. */
export const NON_IDEMPOTENT = new Set(CREATES.map((operation) => `${operation}Command`))

/**
 * The SDK's retry strategy, except that a count limit is a client error: not retried, and not counted
 * as throttling by the adaptive rate limiter. Real throttling (TooManyRequestsException...) is unchanged.
 */
export function countLimitsNotRetried(strategy: RetryStrategyV2): RetryStrategyV2 {
  const reclassify = (info: RetryErrorInfo): RetryErrorInfo => {
    const name = (info.error as { name?: unknown } | undefined)?.name
    return typeof name === 'string' && COUNT_LIMIT_CODES.has(name) ? { ...info, errorType: 'CLIENT_ERROR' } : info
  }
  return {
    acquireInitialRetryToken: (scope: string) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token: RetryToken, info: RetryErrorInfo) => strategy.refreshRetryTokenForRetry(token, reclassify(info)),
    recordSuccess: (token: StandardRetryToken) => strategy.recordSuccess(token),
  }
}

/** Errors that prove the request never reached AWS, or was refused before processing. */
function safeToRetry(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } }
  if (e?.name === 'TooManyRequestsException' || e?.$retryable?.throttling) return true
  if (typeof e?.code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code)) return true
  const status = e?.$metadata?.httpStatusCode
  return status !== undefined && status >= 400 && status < 500
}

/** The timeouts in milliseconds: COGNITO_SSO_AWS_TIMEOUT (seconds) wins over the input. */
export function timeoutMs(options: ClientOptions, env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COGNITO_SSO_AWS_TIMEOUT)
  const seconds = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : options.timeoutSeconds || DEFAULT_AWS_TIMEOUT_SECONDS
  return Math.round(seconds * 1000)
}

/**
 * Credentials come from the SDK's default chain (environment, web identity/OIDC, profiles, instance
 * roles), the endpoint from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER / AWS_ENDPOINT_URL when set.
 * Cognito's quotas are per account and region and shared with every other caller, so throttling is
 * retried with the SDK's adaptive mode (exponential backoff with jitter plus a client-side rate limit).
 * Every attempt has a connection and a request timeout; a timed-out read is retried like any transient
 * failure, a create whose outcome is unknown is never retried here (OutcomeUnknownError). HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY are honoured.
 */
export function createCognitoClient(options: ClientOptions, env: NodeJS.ProcessEnv = process.env): CognitoIdentityProviderClient {
  const timeout = timeoutMs(options, env)
  const client = new CognitoIdentityProviderClient({
    ...(options.region ? { region: options.region } : {}),
    retryMode: env.AWS_RETRY_MODE || 'adaptive',
    maxAttempts: Number(env.AWS_MAX_ATTEMPTS) || options.maxAttempts || 8,
    customUserAgent: USER_AGENT,
    requestHandler: {
      connectionTimeout: timeout,
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
      ...proxyAgents(env, { keepAlive: true }),
    },
  })
  // The SDK's own strategy (standard or adaptive, as AWS_RETRY_MODE says), count limits excepted.
  const sdkStrategy = client.config.retryStrategy
  client.config.retryStrategy = async (): Promise<RetryStrategy | RetryStrategyV2> => {
    const strategy = await sdkStrategy()
    return 'refreshRetryTokenForRetry' in strategy ? countLimitsNotRetried(strategy) : strategy
  }
  // Between the retry strategy and the transport: a create's failed attempt that may have reached AWS
  // becomes a non-retryable OutcomeUnknownError, so the SDK does not send the create a second time.
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
      try {
        return await next(args)
      } catch (error) {
        if (NON_IDEMPOTENT.has(String(context.commandName)) && !safeToRetry(error)) throw new OutcomeUnknownError(error)
        throw error
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'outcomeUnknownMiddleware' },
  )
  const debug = options.debug
  if (debug) {
    const now = options.now ?? Date.now
    // Outermost: one line per call, after every retry, with the SDK's $metadata (attempts, totalRetryDelay).
    client.middlewareStack.add(
      (next: InitializeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<object>) => {
        const started = now()
        const operation = String(context.commandName)
        try {
          const result = await next(args)
          debug(callLine(operation, 'ok', now() - started, result.output.$metadata))
          return result
        } catch (error) {
          const e = error as { name?: string; $metadata?: { attempts?: number; totalRetryDelay?: number } }
          const code = typeof e?.name === 'string' && /^[A-Za-z]+$/.test(e.name) ? e.name : 'Error'
          debug(callLine(operation, `failed (${code})`, now() - started, e?.$metadata))
          throw error
        }
      },
      { step: 'initialize', priority: 'high', name: 'debugCallMiddleware' },
    )
  }
  return client
}

/** The region the SDK's own chain gives (AWS_REGION, then the AWS_PROFILE's config file), or ''. */
export async function sdkRegion(): Promise<string> {
  const client = new CognitoIdentityProviderClient({})
  try {
    return (await client.config.region()) || ''
  } catch {
    return ''
  } finally {
    client.destroy()
  }
}
