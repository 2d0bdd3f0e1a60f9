// The one place that builds the SDK client.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'

export const USER_AGENT = 'cognito-sso-action'

export interface ClientOptions {
  region: string
  /** Total attempts per call, the first included. AWS_MAX_ATTEMPTS, when set, wins. */
  maxAttempts?: number
}

/**
 * Credentials come from the SDK's default chain (environment, web identity/OIDC, profiles, instance
 * roles), the endpoint from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER / AWS_ENDPOINT_URL when set.
 * Cognito's quotas are per account and region and shared with every other caller, so throttling is
 * retried with the SDK's adaptive mode (exponential backoff with jitter plus a client-side rate limit).
 */
export function createCognitoClient(options: ClientOptions, env: NodeJS.ProcessEnv = process.env): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: options.region,
    retryMode: env.AWS_RETRY_MODE || 'adaptive',
    maxAttempts: Number(env.AWS_MAX_ATTEMPTS) || options.maxAttempts || 8,
    customUserAgent: USER_AGENT,
  })
}
