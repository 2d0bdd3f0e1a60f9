// Read-merge-write: UpdateUserPoolClient resets every parameter left out of the request to its default.
// An update therefore starts from the described client, keeps every member the update request accepts,
// and overlays the planned changes. Pure.
import type { UpdateUserPoolClientRequest, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import { carried, setPaths, type Classification } from '../shared/catalogue.js'

/** Every member of UpdateUserPoolClientRequest in the bundled SDK, carried or excluded with the reason. */
export const CLIENT_MEMBERS: Record<keyof UpdateUserPoolClientRequest, Classification> = {
  UserPoolId: { excluded: 'the key; clientUpdateRequest sets it' },
  ClientId: { excluded: 'the key; clientUpdateRequest sets it' },
  ClientName: 'carried',
  RefreshTokenValidity: 'carried',
  AccessTokenValidity: 'carried',
  IdTokenValidity: 'carried',
  TokenValidityUnits: 'carried',
  ReadAttributes: 'carried',
  WriteAttributes: 'carried',
  ExplicitAuthFlows: 'carried',
  SupportedIdentityProviders: 'carried',
  CallbackURLs: 'carried',
  LogoutURLs: 'carried',
  DefaultRedirectURI: 'carried',
  AllowedOAuthFlows: 'carried',
  AllowedOAuthScopes: 'carried',
  AllowedOAuthFlowsUserPoolClient: 'carried',
  AnalyticsConfiguration: 'carried',
  PreventUserExistenceErrors: 'carried',
  EnableTokenRevocation: 'carried',
  EnablePropagateAdditionalUserContextData: 'carried',
  AuthSessionValidity: 'carried',
  RefreshTokenRotation: 'carried',
}

/** Members of UpdateUserPoolClientRequest that DescribeUserPoolClient returns under the same name. */
export const CLIENT_UPDATE_MEMBERS: readonly (keyof UpdateUserPoolClientRequest)[] = carried(CLIENT_MEMBERS)

// A carried member that the described type lacks fails to compile here.
const CLIENT_MEMBERS_SENT = CLIENT_UPDATE_MEMBERS as readonly (keyof UpdateUserPoolClientRequest & keyof UserPoolClientType)[]
const _clientDescribed: Exclude<keyof UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'> extends keyof UserPoolClientType ? true : never = true

export function clientUpdateRequest(described: UserPoolClientType, overlay: Record<string, unknown>): UpdateUserPoolClientRequest {
  const request: Record<string, unknown> = { UserPoolId: described.UserPoolId, ClientId: described.ClientId }
  for (const key of CLIENT_MEMBERS_SENT) {
    if (described[key] !== undefined) request[key] = described[key]
  }
  return setPaths(request, overlay) as unknown as UpdateUserPoolClientRequest
}
