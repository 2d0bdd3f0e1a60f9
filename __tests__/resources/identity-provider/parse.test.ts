// federated-providers parsing (src/resources/identity-provider/parse.ts), issue 16 cases 2, 3, 5, 6 and 10:
// values exactly as written, empty secrets, URLs on their parts, metadata files through the workspace reader.
import { describe, expect, it } from 'vitest'
import { FileRefused } from '../../../src/inputs/files.js'
import type { ReadFile } from '../../../src/inputs/types.js'
import { PROVIDER_DETAIL_MAX, parseFederatedProviders } from '../../../src/resources/identity-provider/parse.js'

const noFiles: ReadFile = () => {
  throw new Error('no files')
}
const parse = (lines: string[], readFile: ReadFile = noFiles, local = false) => {
  const problems: string[] = []
  const providers = parseFederatedProviders(lines.join('\n'), readFile, problems, local)
  return { providers, problems }
}
const oidc = (over: Record<string, string> = {}): string[] => {
  const keys = {
    name: 'Corp',
    type: 'oidc',
    issuer: 'https://idp.example.com',
    'client-id': 'corp-app',
    'client-secret': 's3cret-x',
    scopes: '[openid]',
    ...over,
  }
  return Object.entries(keys).map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}:${v === '' ? '' : ` ${v}`}`)
}

describe('values as written (the failsafe schema)', () => {
  it.each([
    ['client-id', '0123', 'client_id'],
    ['client-id', '12345678901234567', 'client_id'],
    ['client-secret', '0x1F', 'client_secret'],
    ['client-id', 'true', 'client_id'],
  ])('%s: %s reaches ProviderDetails.%s exactly', (key, value, member) => {
    const { providers, problems } = parse(oidc({ [key]: value }))
    expect(problems).toEqual([])
    expect(providers[0]?.details[member]).toBe(value)
  })

  it('Apple key-id 1234E56789 stays text', () => {
    const { providers } = parse([
      '- type: apple',
      '  client-id: com.example.web',
      '  team-id: TEAM123456',
      '  key-id: 1234E56789',
      '  private-key: k',
      '  scopes: [email]',
    ])
    expect(providers[0]?.details.key_id).toBe('1234E56789')
  })
})

describe('empty and missing secrets (case 6)', () => {
  it.each(['', '~', "''", 'null', 'NULL'])('client-secret: %s is refused, naming the provider and the key and the fix', (value) => {
    const { problems } = parse(oidc({ 'client-secret': value }))
    expect(problems).toEqual([
      "federated-providers: item 1 ('Corp'): client-secret is empty (a secrets.X that does not exist becomes an empty value); set the secret, e.g. client-secret: ${{ secrets.CORP_CLIENT_SECRET }}",
    ])
  })

  it('Google and Apple: a required secret given empty is said once (not also "required")', () => {
    expect(parse(['- type: google', '  client-id: g', '  client-secret: ~', '  scopes: [openid]']).problems).toEqual([
      "federated-providers: item 1 ('Google'): client-secret is empty (a secrets.X that does not exist becomes an empty value); set the secret, e.g. client-secret: ${{ secrets.GOOGLE_CLIENT_SECRET }}",
    ])
    expect(parse(['- type: apple', '  client-id: c', '  team-id: t', '  key-id: k', '  private-key:', '  scopes: [email]']).problems[0]).toMatch(
      /private-key is empty/,
    )
  })

  it('an OIDC provider may leave client-secret out (a public client); any other key empty counts as missing', () => {
    const lines = oidc().filter((l) => !l.includes('client-secret'))
    expect(parse(lines).problems).toEqual([])
    expect(parse(oidc({ 'client-id': '~' })).problems).toEqual(["federated-providers: item 1 ('Corp'): client-id is required for type oidc"])
  })
})

describe('issuer and metadata-url (case 2)', () => {
  it.each([
    ['http://idp.example.com', /issuer 'http:\/\/idp\.example\.com' must use https \(Cognito fetches its discovery document from the internet\)/],
    ['https://user:pass@idp.example.com', /issuer 'https:\/\/idp\.example\.com' has a user name or password/],
    ['http://localhost:x@evil.example/', /issuer 'http:\/\/evil\.example\/' has a user name or password/],
  ])('issuer %s is refused, its user information never shown', (issuer, rule) => {
    const text = parse(oidc({ issuer })).problems.join('\n')
    expect(text).toMatch(rule)
    expect(text).not.toMatch(/user:pass|localhost:x/)
  })

  it('a loopback http issuer only with the test-only switch', () => {
    expect(parse(oidc({ issuer: 'http://127.0.0.1:9/oidc' }), noFiles, true).problems).toEqual([])
    expect(parse(oidc({ issuer: 'http://127.0.0.1:9/oidc' }), noFiles, false).problems[0]).toMatch(/must use https/)
  })

  it('a SAML metadata-url over http is refused', () => {
    expect(parse(['- name: Okta', '  type: saml', '  metadata-url: http://idp.example.com/metadata']).problems).toEqual([
      "federated-providers: item 1 ('Okta'): metadata-url 'http://idp.example.com/metadata' must use https (Cognito fetches the IdP's signing certificate from it); use 'https://idp.example.com/metadata'",
    ])
  })
})

describe('metadata-file (case 3)', () => {
  const saml = ['- name: Okta', '  type: saml', '  metadata-file: idp.xml']

  it('reads through the workspace reader with AWS’s limit, and keeps the text', () => {
    const asked: unknown[] = []
    const { providers, problems } = parse(saml, (path, limits) => {
      asked.push([path, limits])
      return '<EntityDescriptor entityID="x"/>'
    })
    expect(problems).toEqual([])
    expect(asked).toEqual([['idp.xml', { maxChars: PROVIDER_DETAIL_MAX, limitName: 'a ProviderDetails value' }]])
    expect(providers[0]?.details.MetadataFile).toBe('<EntityDescriptor entityID="x"/>')
  })

  it('a refusal of the reader is the problem, after the input, the provider and the file', () => {
    const { providers, problems } = parse(saml, () => {
      throw new FileRefused('resolves outside the workspace (a symbolic link out of the repository?); give a file inside the repository')
    })
    expect(problems).toEqual([
      "federated-providers: item 1 ('Okta'): metadata-file 'idp.xml' resolves outside the workspace (a symbolic link out of the repository?); give a file inside the repository",
    ])
    expect(providers[0]?.details.MetadataFile).toBeUndefined()
  })
})

describe('tags (case 10)', () => {
  it('client-secret: !vault X is refused naming the tag, never the value', () => {
    const { problems } = parse(oidc({ 'client-secret': '!vault vault-Value-9f2' }))
    expect(problems.join('\n')).toMatch(/the YAML tag '!vault'/)
    expect(problems.join('\n')).not.toContain('vault-Value-9f2')
  })
})

describe('identifiers and attribute-mapping at AWS limits (IdpIdentifierType, AttributeMappingKeyType)', () => {
  it('an identifier of 40 ASCII characters and a mapping key of 32 are taken', () => {
    const { problems } = parse([...oidc(), `  identifiers: [${'a'.repeat(28)}.example.com]`, '  attribute-mapping:', `    custom:${'x'.repeat(25)}: sub`])
    expect(problems).toEqual([])
  })

  it.each([
    [`${'a'.repeat(29)}.example.com`, 'is 41 characters long; Cognito allows at most 40 (IdpIdentifierType)'],
    ['example.com/sso', "contains characters Cognito does not allow in an identifier ('/')"],
    ['example\u00a0com', 'U+00A0'],
  ])('identifier %j is refused: %s', (id, why) => {
    const { problems } = parse([...oidc(), `  identifiers: ["${id}"]`])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`identifier '`)
    expect(problems[0]).toContain(why)
  })

  it('a mapping key of 33 characters is refused', () => {
    const key = `custom:${'x'.repeat(26)}`
    expect(parse([...oidc(), '  attribute-mapping:', `    ${key}: sub`]).problems).toEqual([
      `federated-providers: item 1 ('Corp'): attribute-mapping key '${key}' is 33 characters long; Cognito allows pool attribute names of at most 32 (AttributeMappingKeyType); use the pool attribute's name, e.g. email or custom:department`,
    ])
  })
})
