// Issue 16, case 9: the OpenMetadata hand-off in every format it is used with. For each hostile value the
// run either writes openmetadata-env (and the summary's Helm values) so that each consumer reads back
// exactly the intended value, or refuses the input before any AWS call, saying why. The consumers are
// parsed the way they parse (__tests__/support/handoff-formats.ts): the runner's GITHUB_ENV file, a docker
// compose env file (with its interpolation), a POSIX shell `export` per line, and YAML (OpenMetadata
// substitutes the variables into conf/openmetadata.yaml and parses it; Helm values are YAML).
import { describe, expect, it } from 'vitest'
import { helmValuesFromSummary, readComposeEnvFile, readGithubEnv, readShellExports, readYamlValue } from '../support/handoff-formats.js'
import { NODES, idsOf, inputsFor, run, useLocalCognito, type RunResult } from './helpers.js'
import { expectRefusedBeforeAnyCall } from './hostile-helpers.js'

/** What a runner's shell has: HOME set, X not. */
const SHELL_ENV = { HOME: '/home/runner', USER: 'runner' }

const READERS: [string, (text: string) => Record<string, string>][] = [
  ['GITHUB_ENV', readGithubEnv],
  ['docker compose env file', (text) => readComposeEnvFile(text, SHELL_ENV)],
  ['shell export', (text) => readShellExports(text, SHELL_ENV)],
]

/** Every way the hand-off of `r` is read back wrong, one line per format and variable ([] when all are exact). */
function handoffMismatches(r: RunResult, openmetadataUrl: string, admins: string[]): string[] {
  const { clientId } = idsOf(r)
  const issuer = r.outputs.issuer ?? ''
  const om = openmetadataUrl.replace(/\/+$/, '')
  const scalars: Record<string, string> = {
    AUTHENTICATION_PROVIDER: 'aws-cognito',
    AUTHENTICATION_AUTHORITY: issuer,
    AUTHENTICATION_CLIENT_ID: clientId,
    AUTHENTICATION_CALLBACK_URL: `${om}/callback`,
  }
  const domains = [...new Set(admins.map((a) => a.slice(a.lastIndexOf('@') + 1)))]
  if (domains.length === 1) scalars.AUTHORIZER_PRINCIPAL_DOMAIN = domains[0] ?? ''
  // Read as YAML by openmetadata.yaml (publicKeyUrls, adminPrincipals are lists).
  const lists: Record<string, string[]> = {
    AUTHENTICATION_PUBLIC_KEYS: [`${issuer}/.well-known/jwks.json`, `${om}/api/v1/system/config/jwks`],
    AUTHORIZER_ADMIN_PRINCIPALS: admins.map((a) => a.slice(0, a.lastIndexOf('@'))),
  }
  const text = r.outputs['openmetadata-env'] ?? ''
  const problems: string[] = []
  if (text === '') return ['openmetadata-env: not set']
  for (const [format, read] of READERS) {
    let env: Record<string, string>
    try {
      env = read(text)
    } catch (error) {
      problems.push(`${format}: cannot be read: ${(error as Error).message}`)
      continue
    }
    for (const [name, want] of Object.entries(scalars)) {
      if (env[name] !== want) problems.push(`${format}: ${name} reads ${JSON.stringify(env[name])}, not ${JSON.stringify(want)}`)
    }
    for (const [name, want] of Object.entries(lists)) {
      let got: unknown
      try {
        got = readYamlValue(env[name] ?? '')
      } catch (error) {
        problems.push(`${format}: ${name} ${JSON.stringify(env[name])} is not YAML: ${(error as Error).message.split('\n')[0]}`)
        continue
      }
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${format}: ${name} reads as ${JSON.stringify(got)}, not ${JSON.stringify(want)}`)
    }
  }
  // Helm values in the summary (masked values appear as their output's name and are not compared).
  let helm: Record<string, unknown> | undefined
  try {
    helm = helmValuesFromSummary(r.summary)
  } catch (error) {
    problems.push(`Helm values: not YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const auth = (helm as { openmetadata?: { config?: { authentication?: Record<string, unknown> } } } | undefined)?.openmetadata?.config?.authentication
  if (!auth) problems.push('Helm values: no openmetadata.config.authentication in the summary')
  else {
    if (auth.callbackUrl !== `${om}/callback`) problems.push(`Helm values: callbackUrl reads ${JSON.stringify(auth.callbackUrl)}`)
    const keys = Array.isArray(auth.publicKeys) ? auth.publicKeys : []
    if (keys[1] !== `${om}/api/v1/system/config/jwks`) problems.push(`Helm values: publicKeys[1] reads ${JSON.stringify(keys[1])}`)
  }
  return problems
}

describe.each(NODES)('issue 16 under %s', (_label, node) => {
  const ctx = useLocalCognito()

  describe('case 9: the OpenMetadata hand-off is exact in every format, or refused with the reason', () => {
    it('a plain URL and plain addresses read back exactly in every format (the readers themselves are right)', async () => {
      const { lc } = ctx
      const admins = ['alice@example.com', 'bob@example.com']
      const url = 'https://om.example.com'
      const r = await run(node, lc, { ...inputsFor('handoff-plain'), 'callback-urls': '', 'openmetadata-url': url, 'invite-users': admins.join(', ') })
      expect(r.exitCode).toBe(0)
      expect(handoffMismatches(r, url, admins)).toEqual([])
    })

    it.each([
      ['openmetadata-url', 'https://om.example.com/$HOME', ['alice@example.com']],
      ['openmetadata-url', 'https://om.example.com/${X}', ['alice@example.com']],
      ['openmetadata-url', 'https://om.example.com/${x', ['alice@example.com']],
      ['invite-users', 'https://om.example.com', ['j$mith@example.com']],
      ['invite-users', 'https://om.example.com', ['a]@example.com']],
      ['invite-users', 'https://om.example.com', ['a[b@example.com']],
      ['invite-users', 'https://om.example.com', ['{x:y}@example.com']],
    ])('%s: %s %j', async (input, url, admins) => {
      const { lc } = ctx
      const r = await run(node, lc, { ...inputsFor('handoff-hostile'), 'callback-urls': '', 'openmetadata-url': url, 'invite-users': admins.join(', ') })
      if (r.exitCode === 0) {
        expect(handoffMismatches(r, url, admins), 'every consumer reads back the intended value').toEqual([])
      } else {
        // Refused: before any AWS call, naming the input and why it cannot be written safely.
        expectRefusedBeforeAnyCall(r, lc, [new RegExp(input), /env|docker|compose|shell|YAML|\$|\[|\]|\{|\}|character/i])
      }
    })

    it('a backslash in openmetadata-url is refused before any AWS call', async () => {
      const { lc } = ctx
      const r = await run(node, lc, { ...inputsFor('handoff-backslash'), 'callback-urls': '', 'openmetadata-url': 'https://om.example.com\\evil' })
      expectRefusedBeforeAnyCall(r, lc, [/openmetadata-url/, /backslash|\\/])
    })
  })
})
