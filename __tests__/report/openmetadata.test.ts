import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../src/engine/desired.js'
import { openMetadataEnv, openMetadataHelm } from '../../src/report/openmetadata.js'
import { InputError } from '../../src/model/errors.js'
import { parse as parseYaml } from 'yaml'
import { parseDotenv } from '../support/dotenv.js'

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123'
const values = { issuer: ISSUER, clientId: '1example23456789abcdefghij', openmetadataUrl: 'https://om.example.com' }

describe('openmetadata-env', () => {
  it('is the dotenv lines OpenMetadata reads, the public keys a JSON array', () => {
    const env = parseDotenv(openMetadataEnv(values))
    expect(Object.keys(env)).toEqual([
      'AUTHENTICATION_PROVIDER',
      'AUTHENTICATION_PUBLIC_KEYS',
      'AUTHENTICATION_AUTHORITY',
      'AUTHENTICATION_CLIENT_ID',
      'AUTHENTICATION_CALLBACK_URL',
    ])
    expect(env.AUTHENTICATION_PROVIDER).toBe('aws-cognito')
    expect(JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS ?? '')).toEqual([`${ISSUER}/.well-known/jwks.json`, 'https://om.example.com/api/v1/system/config/jwks'])
    // openmetadata.yaml substitutes the variable into YAML: it must read there as the same list.
    expect(parseYaml(`publicKeyUrls: ${env.AUTHENTICATION_PUBLIC_KEYS}`)).toEqual({ publicKeyUrls: JSON.parse(env.AUTHENTICATION_PUBLIC_KEYS ?? '') })
    expect(env.AUTHENTICATION_AUTHORITY).toBe(ISSUER)
    expect(env.AUTHENTICATION_CLIENT_ID).toBe(values.clientId)
    expect(env.AUTHENTICATION_CALLBACK_URL).toBe('https://om.example.com/callback')
  })

  it('Helm values show masked values by output name', () => {
    const helm = parseYaml(openMetadataHelm(values, (output, value) => (output === 'jwks-uri' ? value : `<masked: step output ${output}>`))) as {
      openmetadata: { config: { authentication: unknown } }
    }
    expect(helm.openmetadata.config.authentication).toEqual({
      provider: 'aws-cognito',
      publicKeys: [`${ISSUER}/.well-known/jwks.json`, 'https://om.example.com/api/v1/system/config/jwks'],
      authority: '<masked: step output issuer>',
      clientId: '<masked: step output client-id>',
      callbackUrl: 'https://om.example.com/callback',
    })
  })
})

describe('openmetadata-url input', () => {
  const base = { 'pool-name': 'om', domain: 'om-sso', region: 'eu-west-1' }
  const parse = (extra: Record<string, string>) => parseInputs((n) => (({ ...base, ...extra }) as Record<string, string>)[n] ?? '', {})
  const problems = (extra: Record<string, string>): string[] => {
    try {
      parse(extra)
      return []
    } catch (e) {
      if (e instanceof InputError) return e.problems
      throw e
    }
  }

  it('with callback-urls empty, the callback is <openmetadata-url>/callback (trailing slash dropped)', () => {
    const d = parse({ 'openmetadata-url': 'https://om.example.com/' })
    expect(d.openmetadataUrl).toBe('https://om.example.com')
    expect(d.callbackUrls).toEqual(['https://om.example.com/callback'])
  })

  it("with callback-urls given, OpenMetadata's callback must be among them", () => {
    expect(
      parse({ 'openmetadata-url': 'https://om.example.com', 'callback-urls': 'https://om.example.com/callback, https://x.example.com/cb' }).callbackUrls,
    ).toHaveLength(2)
    expect(problems({ 'openmetadata-url': 'https://om.example.com', 'callback-urls': 'https://x.example.com/cb' })).toEqual([
      expect.stringMatching(/^callback-urls: OpenMetadata signs in through 'https:\/\/om\.example\.com\/callback', which is not among the callback URLs/),
    ])
  })

  it('callback-urls stays required without openmetadata-url', () => {
    expect(problems({})).toEqual([expect.stringMatching(/^callback-urls: is required/)])
  })

  it.each(['http://om.example.com', 'om.example.com', 'https://u:p@om.example.com', 'https://om.example.com/?x=1', 'https://om.example.com/#a'])(
    'refuses %s',
    (url) => {
      expect(problems({ 'openmetadata-url': url })).toEqual([expect.stringMatching(/^openmetadata-url: /)])
    },
  )
})
