// Sign in with Apple: AWS never describes `private_key` back (AWSB-083). It is not compared (a rerun is
// a no-op), an adopted provider matches without it, and an update made for another reason (a new key
// ID: how Apple keys rotate) carries the declared key.
import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/engine/plan.js'
import type { DesiredProvider, Observed, ObservedProvider } from '../../../src/model/types.js'
import { providerMatches, providerUpdateRequest } from '../../../src/resources/identity-provider/calls.js'
import { providerChanges, SECRET_RESENT, SECRET_SET } from '../../../src/resources/identity-provider/index.js'
import { observedState, planDesired } from '../../support/state.js'

const KEY = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAAppleKey\n-----END PRIVATE KEY-----'
const APPLE: DesiredProvider = {
  name: 'SignInWithApple',
  type: 'SignInWithApple',
  details: { client_id: 'com.example.web', team_id: 'TEAM123456', key_id: 'KEY1234567', private_key: KEY, authorize_scopes: 'email name' },
  secretKeys: ['private_key'],
  attributeMapping: {},
}
/** As AWS describes it: no private_key, and the details AWS adds (AWSB-080). */
const DESCRIBED_DETAILS = {
  client_id: 'com.example.web',
  team_id: 'TEAM123456',
  key_id: 'KEY1234567',
  authorize_scopes: 'email name',
  attributes_url_add_attributes: 'false',
  authorize_url: 'https://appleid.apple.com/auth/authorize',
  oidc_issuer: 'https://appleid.apple.com',
  token_request_method: 'POST',
  token_url: 'https://appleid.apple.com/auth/token',
}
const observedApple = (details: Record<string, string> = DESCRIBED_DETAILS): ObservedProvider => ({
  name: 'SignInWithApple',
  type: 'SignInWithApple',
  details,
  attributeMapping: { username: 'sub' },
  identifiers: [],
})
const stateWith = (provider: ObservedProvider): Observed => observedState({ providerNames: [provider.name], providers: [provider] })

describe('Sign in with Apple: the private key AWS never describes', () => {
  it('is not compared: described without it, the provider is a no-op', () => {
    expect(providerChanges(APPLE, observedApple())).toEqual([])
    const result = plan(planDesired({ federatedProviders: [APPLE] }), stateWith(observedApple()))
    expect(result.steps.find((s) => s.resource === 'provider')).toEqual({ resource: 'provider', name: 'SignInWithApple', action: 'no-op', changes: [] })
    expect(result.problems).toEqual([])
  })

  it('a new key ID (a rotated key) is an update that sends the declared private key again, shown without its value', () => {
    const rotated = { ...APPLE, details: { ...APPLE.details, key_id: 'KEY7654321' } }
    expect(providerChanges(rotated, observedApple())).toEqual([
      { field: 'ProviderDetails.key_id', before: 'KEY1234567', after: 'KEY7654321' },
      { field: 'ProviderDetails.private_key', before: SECRET_SET, after: SECRET_RESENT },
    ])
    const described: IdentityProviderType = {
      UserPoolId: 'eu-west-1_AbCdEfGhI',
      ProviderName: 'SignInWithApple',
      ProviderType: 'SignInWithApple',
      ProviderDetails: DESCRIBED_DETAILS,
      AttributeMapping: { username: 'sub' },
      IdpIdentifiers: [],
    }
    expect(providerUpdateRequest(described, rotated)).toEqual({
      UserPoolId: 'eu-west-1_AbCdEfGhI',
      ProviderName: 'SignInWithApple',
      ProviderDetails: { ...DESCRIBED_DETAILS, key_id: 'KEY7654321', private_key: KEY },
      AttributeMapping: { username: 'sub' },
      IdpIdentifiers: [],
    })
  })

  it('an adopted provider (a lost create, another run) matches without the key', () => {
    const found: IdentityProviderType = { ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: DESCRIBED_DETAILS }
    expect(providerMatches(found, APPLE)).toBe(true)
    expect(providerMatches({ ...found, ProviderDetails: { ...DESCRIBED_DETAILS, team_id: 'OTHER' } }, APPLE)).toBe(false)
  })

  it('other secrets AWS describes (client_secret) stay compared', () => {
    const google: DesiredProvider = {
      name: 'Google',
      type: 'Google',
      details: { client_id: 'g', client_secret: 'new', authorize_scopes: 'openid' },
      secretKeys: ['client_secret'],
      attributeMapping: {},
    }
    const current: ObservedProvider = {
      name: 'Google',
      type: 'Google',
      details: { client_id: 'g', client_secret: 'old', authorize_scopes: 'openid' },
      attributeMapping: {},
      identifiers: [],
    }
    expect(providerChanges(google, current)).toEqual([{ field: 'ProviderDetails.client_secret', before: SECRET_SET, after: '(secret changed)' }])
  })
})
