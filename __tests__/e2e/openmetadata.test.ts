// The OpenMetadata hand-off end to end: openmetadata-env read back as dotenv, Helm values in the summary.
import { describe, expect, it } from 'vitest'
import { parseDotenv } from '../support/dotenv.js'
import { NODES, describeClient, expectExit, idsOf, inputsFor, run, useLocalCognito } from './helpers.js'

describe.each(NODES)('OpenMetadata hand-off under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('openmetadata-env is what OpenMetadata reads; the callback defaults to <openmetadata-url>/callback', async () => {
    const { lc } = ctx
    const inputs = { ...inputsFor('om'), 'callback-urls': '', 'openmetadata-url': 'https://om.example.com' }
    const r = await run(node, lc, inputs)
    expectExit(r, 0)
    const { poolId, clientId } = idsOf(r)
    const env = parseDotenv(r.outputs['openmetadata-env'] ?? '')
    const issuer = r.outputs.issuer ?? ''
    expect(issuer.endsWith(`/${poolId}`)).toBe(true)
    expect(env).toEqual({
      AUTHENTICATION_PROVIDER: 'aws-cognito',
      AUTHENTICATION_PUBLIC_KEYS: JSON.stringify([`${issuer}/.well-known/jwks.json`, 'https://om.example.com/api/v1/system/config/jwks']),
      AUTHENTICATION_AUTHORITY: issuer,
      AUTHENTICATION_CLIENT_ID: clientId,
      AUTHENTICATION_CALLBACK_URL: 'https://om.example.com/callback',
    })
    expect(JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS ?? '')).toHaveLength(2)
    expect((await describeClient(lc, poolId, clientId)).CallbackURLs).toEqual(['https://om.example.com/callback'])
    // The summary has the Helm values with the masked values by output name, and no ID in clear.
    expect(r.summary).toContain('clientId: "<masked: step output client-id>"')
    expect(r.summary).toContain('authority: "<masked: step output issuer>"')
    expect(r.summary).not.toContain(poolId)
    expect(r.summary).not.toContain(clientId)
  })
})
