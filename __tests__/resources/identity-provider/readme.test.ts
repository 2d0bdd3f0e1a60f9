// The company-SSO examples (docs/federation.md, once the README's) are valid input: each
// federated-providers / resource-servers block parses without a problem into the providers the text promises.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFederatedProviders } from '../../../src/resources/identity-provider/parse.js'
import { parseResourceServers } from '../../../src/resources/resource-server/parse.js'

const section = readFileSync(new URL('../../../docs/federation.md', import.meta.url), 'utf8')

/** The indented YAML under each `<input>: |` line of the section. */
function blocks(input: string): string[] {
  const out: string[] = []
  for (const m of section.matchAll(new RegExp(`^( *)${input}: \\|\\n((?:\\1  .*\\n)+)`, 'gm'))) {
    const indent = (m[1] ?? '').length + 2
    out.push(
      (m[2] ?? '')
        .split('\n')
        .map((l) => l.slice(indent))
        .join('\n'),
    )
  }
  return out
}

describe('docs/federation.md company SSO examples', () => {
  it('Okta (SAML) and Entra ID (OIDC) parse without problems', () => {
    const found = blocks('federated-providers')
    expect(found).toHaveLength(2)
    const parsed = found.map((yaml) => {
      const problems: string[] = []
      const providers = parseFederatedProviders(yaml, () => '', problems)
      expect(problems).toEqual([])
      return providers
    })
    expect(parsed.map((p) => p.map((x) => `${x.name}:${x.type}`))).toEqual([['Okta:SAML'], ['Entra:OIDC']])
    expect(parsed[1]?.[0]?.secretKeys).toEqual(['client_secret'])
  })

  it('the resource server parses without problems', () => {
    const [yaml] = blocks('resource-servers')
    const problems: string[] = []
    expect(parseResourceServers(yaml ?? '', problems)).toEqual([
      { identifier: 'api', name: 'Reports API', scopes: [{ name: 'read', description: 'Read reports' }] },
    ])
    expect(problems).toEqual([])
  })
})
