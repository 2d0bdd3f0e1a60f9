// The AWS layer of federation: exact request payloads (aws-sdk-client-mock).
import { CreateIdentityProviderCommand, DescribeIdentityProviderCommand, UpdateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyFederation } from '../../support/federation.js'
import { AwsCallError } from '../../../src/aws/errors.js'
import { type DesiredProvider, type Plan, type Step } from '../../../src/model/types.js'
import { awsError, desired, mockCognito, POOL_ID, sent, type Mocked } from '../../support/aws.js'

const OKTA: DesiredProvider = {
  name: 'Okta',
  type: 'SAML',
  details: { MetadataURL: 'https://acme.okta.com/app/x/sso/saml/metadata' },
  secretKeys: [],
  attributeMapping: { email: 'email' },
}
const createStep: Step = { resource: 'provider', name: 'Okta', action: 'create', changes: [] }
const planOf = (steps: Step[]): Plan => ({ steps, changed: true, problems: [] })

let m: Mocked
beforeEach(() => {
  m = mockCognito()
})
afterEach(() => {
  m.cognito.restore()
})

describe('applyFederation: identity provider creates', () => {
  it('creates a declared provider with its details and mapping', async () => {
    m.cognito.on(CreateIdentityProviderCommand).resolves({ IdentityProvider: { UserPoolId: POOL_ID, ProviderName: 'Okta', ProviderType: 'SAML' } })
    const done: string[] = []
    await applyFederation(m.api, planOf([createStep]), desired({ federatedProviders: [OKTA] }), { providers: new Map() }, POOL_ID, (s) => done.push(s.name))
    expect(sent(m.cognito)).toEqual([
      [
        'CreateIdentityProvider',
        { UserPoolId: POOL_ID, ProviderName: 'Okta', ProviderType: 'SAML', ProviderDetails: OKTA.details, AttributeMapping: { email: 'email' } },
      ],
    ])
    expect(done).toEqual(['Okta'])
  })

  it('a create that finds the name taken (a retried create whose answer was lost, or another run) makes that provider as declared with one update', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(awsError('DuplicateProviderException'))
    m.cognito.on(DescribeIdentityProviderCommand).resolves({
      IdentityProvider: {
        UserPoolId: POOL_ID,
        ProviderName: 'Okta',
        ProviderType: 'SAML',
        ProviderDetails: { MetadataURL: 'https://old.example/metadata', IDPSignout: 'false' },
        AttributeMapping: { name: 'name' },
      },
    })
    m.cognito.on(UpdateIdentityProviderCommand).resolves({})
    await applyFederation(m.api, planOf([createStep]), desired({ federatedProviders: [OKTA] }), { providers: new Map() }, POOL_ID, () => {})
    const update = sent(m.cognito).find(([op]) => op === 'UpdateIdentityProvider')?.[1]
    expect(update).toEqual({
      UserPoolId: POOL_ID,
      ProviderName: 'Okta',
      ProviderDetails: { MetadataURL: OKTA.details.MetadataURL, IDPSignout: 'false' },
      AttributeMapping: { name: 'name', email: 'email' },
      IdpIdentifiers: [],
    })
  })

  it('any other create failure is reported as it is', async () => {
    m.cognito.on(CreateIdentityProviderCommand).rejects(awsError('InvalidParameterException', 'bad metadata'))
    const error = await applyFederation(
      m.api,
      planOf([createStep]),
      desired({ federatedProviders: [OKTA] }),
      { providers: new Map() },
      POOL_ID,
      () => {},
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('InvalidParameterException')
    expect(m.cognito.commandCalls(UpdateIdentityProviderCommand)).toHaveLength(0)
  })
})
