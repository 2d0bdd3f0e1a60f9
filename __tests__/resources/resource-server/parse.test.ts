// resource-servers' parse (src/resources/resource-server/parse.ts): keys it does not know (a typo, YAML's
// merge key) are refused, never ignored; a name follows AWS's Java pattern, whose \s is ASCII whitespace.
import { beforeAll, describe, expect, it } from 'vitest'
import { loadYaml } from '../../../src/inputs/yaml.js'
import { parseResourceServers } from '../../../src/resources/resource-server/parse.js'

beforeAll(loadYaml)

const parse = (raw: string) => {
  const problems: string[] = []
  return { servers: parseResourceServers(raw, problems), problems }
}

describe('parseResourceServers', () => {
  it('a server as documented is read', () => {
    expect(parse('- identifier: api\n  name: My API\n  scopes:\n    - name: read\n      description: Read').servers).toEqual([
      { identifier: 'api', name: 'My API', scopes: [{ name: 'read', description: 'Read' }] },
    ])
  })

  it.each([
    ['- identifier: api\n  scope: [read]', "resource-servers: item 1: unknown key 'scope'; allowed: identifier, name, scopes"],
    ['- &a { identifier: api }\n- <<: *a\n  identifier: b', "resource-servers: item 2: unknown key '<<'; allowed: identifier, name, scopes"],
    [
      '- identifier: api\n  scopes:\n    - name: read\n      descripton: x',
      "resource-servers: item 1: scope 1: unknown key 'descripton'; allowed: name, description",
    ],
  ])('an unknown key in %j is refused', (raw, problem) => {
    expect(parse(raw).problems).toEqual([problem])
  })

  it.each([
    ['my\u00a0api', 'U+00A0 (NO-BREAK SPACE)'],
    ['my\u2028api', 'U+2028 (LINE SEPARATOR)'],
    ['my\u3000api', 'U+3000'],
  ])("a name with %j (JavaScript whitespace, not Java's) is refused, naming the character", (name, code) => {
    const { problems } = parse(`- identifier: api\n  name: "${name}"`)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`(not ${code})`)
  })

  it("ASCII spaces and tabs are a name (Java's \\s)", () => {
    expect(parse('- identifier: api\n  name: "My\\tAPI v2"').problems).toEqual([])
  })
})
