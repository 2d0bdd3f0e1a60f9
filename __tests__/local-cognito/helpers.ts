import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { startLocalCognito } from '../../tools/local-cognito/server.js'

export type LocalCognito = Awaited<ReturnType<typeof startLocalCognito>>

export function sdk(lc: LocalCognito, maxAttempts = 1): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: lc.url,
    region: lc.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts,
  })
}

export const SIGV4 = 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000'

/** A raw AWS JSON 1.1 call (lets a test send what the SDK would not). */
export async function raw(
  lc: LocalCognito,
  operation: string,
  body: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of any operation
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(lc.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      Authorization: SIGV4,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
}

/** Resolves to the rejection of `p` (fails when `p` resolves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SDK errors carry $metadata, $fault...
export async function failure(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
}

/** Resolves to the Error `lc.invoke` throws. */
export async function invokeError(lc: LocalCognito, operation: string, input: Record<string, unknown>): Promise<{ code: string; message: string }> {
  return failure(lc.invoke(operation, input))
}
