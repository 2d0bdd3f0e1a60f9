import { describe, expect, it } from 'vitest'
import { block, code, renderSummary, type SummaryInput } from '../../src/report/markdown.js'
import { type Plan } from '../../src/model/types.js'

const updatePlan: Plan = {
  changed: true,
  problems: [],
  steps: [
    { resource: 'pool', name: 'openmetadata', action: 'no-op', changes: [] },
    {
      resource: 'domain',
      name: 'acme-sso',
      action: 'replace',
      replaces: 'old-sso',
      changes: [{ field: 'Domain', before: 'old-sso', after: 'acme-sso' }],
    },
    {
      resource: 'client',
      name: 'openmetadata-client',
      action: 'update',
      changes: [
        {
          field: 'CallbackURLs',
          before: ['https://om.example.com/callback'],
          after: ['https://new.example.com/callback'],
          added: ['https://new.example.com/callback'],
          removed: ['https://om.example.com/callback'],
        },
      ],
    },
  ],
}

const outputs = {
  'user-pool-id': 'eu-west-1_AbCdEfGhI',
  'user-pool-arn': 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI',
  'client-id': '1example23456789abcdefghij',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
  'jwks-uri': 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI/.well-known/jwks.json',
  domain: 'acme-sso',
  'hosted-ui-url': 'https://acme-sso.auth.eu-west-1.amazoncognito.com',
}

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({
  mode: 'plan',
  region: 'eu-west-1',
  poolName: 'openmetadata',
  plan: updatePlan,
  outputs,
  maskedOutputs: ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri'],
  callbackUrls: ['https://new.example.com/callback'],
  checks: [],
  ...over,
})

describe('renderSummary', () => {
  it('renders the plan as a resource table and field tables (snapshot)', () => {
    expect(renderSummary(input())).toMatchSnapshot()
  })

  it('never shows a masked value in clear', () => {
    const text = renderSummary(input())
    expect(text).not.toContain('AbCdEfGhI')
    expect(text).not.toContain('1example23456789abcdefghij')
    expect(text).toContain('*(masked: step output `client-id`)*')
  })

  it('shows the values to hand to the application when they are not masked', () => {
    const text = renderSummary(input({ mode: 'apply', maskedOutputs: [] }))
    expect(text).toContain('| Client ID | `1example23456789abcdefghij` |')
    expect(text).toContain('| Authority (issuer) | `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI` |')
    expect(text).toContain('| Callback URL | `https://new.example.com/callback` |')
    expect(text).toContain('2 of 3 resources changed.')
  })

  it('says when nothing changes, and leaves out the application table before the pool exists', () => {
    const steps = updatePlan.steps.map((s) => ({ ...s, action: 'no-op' as const, changes: [] }))
    const text = renderSummary(input({ plan: { changed: false, problems: [], steps }, outputs: { domain: 'acme-sso' } }))
    expect(text).toContain('No changes: AWS already matches the inputs.')
    expect(text).not.toContain('For the application')
  })

  it('does not claim anything about AWS when no plan was made', () => {
    const text = renderSummary(input({ plan: { changed: false, problems: [], steps: [] }, notice: 'No plan: fork', outputs: {} }))
    expect(text).toContain('No plan was made.')
    expect(text).not.toContain('No changes')
  })

  it('lists problems in a fenced block', () => {
    const text = renderSummary(input({ plan: { changed: false, steps: [], problems: ["pool-name: 2 user pools are named 'x'"] } }))
    expect(text).toContain('Cannot apply')
    expect(text).toContain("```text\npool-name: 2 user pools are named 'x'\n```")
  })

  it('shows long lists as added and removed items', () => {
    const before = ['https://a.example/cb', 'https://b.example/cb', 'https://c.example/cb', 'https://d.example/cb']
    const after = [...before.slice(1), 'https://e.example/cb']
    const plan: Plan = {
      changed: true,
      problems: [],
      steps: [
        {
          resource: 'client',
          name: 'c',
          action: 'update',
          changes: [{ field: 'CallbackURLs', before, after, added: ['https://e.example/cb'], removed: ['https://a.example/cb'] }],
        },
      ],
    }
    expect(renderSummary(input({ plan }))).toContain('| `CallbackURLs` | − `https://a.example/cb` | + `https://e.example/cb` |')
  })

  it('renders SSO checks as rows', () => {
    const text = renderSummary(input({ checks: [{ name: 'Signing keys (JWKS)', ok: false, detail: 'no keys' }] }))
    expect(text).toContain('| Signing keys (JWKS) | ❌ fail | `no keys` |')
  })
})

describe('escaping values from inputs and AWS', () => {
  const hostile = [
    '[click](https://evil.example)',
    '<img src=x onerror=alert(1)>',
    'a | b | c',
    '`code` and ``more``',
    '**bold** _it_',
    'https://evil.example/autolink',
    'line1\nline2',
  ]

  it.each(hostile)('code(%j) is one inert code span', (value) => {
    const span = code(value)
    const fence = /^`+/.exec(span)?.[0] ?? ''
    expect(fence.length).toBeGreaterThan(0)
    expect(span.endsWith(fence)).toBe(true)
    const inner = span.slice(fence.length, span.length - fence.length)
    // No run of backticks inside as long as the fence, so the span cannot be closed early.
    expect(inner.match(/`+/g)?.every((run) => run.length < fence.length) ?? true).toBe(true)
    // Table cells cannot be split and lines cannot break.
    expect(inner.replaceAll('\\|', '')).not.toContain('|')
    expect(inner).not.toContain('\n')
  })

  it('a hostile value in a field change stays inside code spans', () => {
    const plan: Plan = {
      changed: true,
      problems: [],
      steps: [
        {
          resource: 'client',
          name: 'c',
          action: 'update',
          changes: [{ field: 'DefaultRedirectURI', before: '[x](https://evil.example) | <b>', after: undefined }],
        },
      ],
    }
    const text = renderSummary(input({ plan }))
    expect(text).toContain('| `DefaultRedirectURI` | `[x](https://evil.example) \\| <b>` | *(none)* |')
  })

  it('block() cannot be closed by backticks in the text', () => {
    const text = 'x ``` y ```` z'
    const b = block(text)
    expect(b.startsWith('`````text\n')).toBe(true)
    expect(b.endsWith('\n`````')).toBe(true)
  })
})

describe('renderSummary: custom domain, sign-in link, destroy', () => {
  it('names the DNS record to create for a custom domain, and nothing for a prefix', () => {
    const md = renderSummary(input({ outputs: { ...outputs, domain: 'auth.example.com', 'cloudfront-domain': 'd111.cloudfront.net' } }))
    expect(md).toContain('### DNS record for the custom domain')
    expect(md).toContain('| `auth.example.com` | `CNAME` (Route 53: alias `A`) | `d111.cloudfront.net` |')
    expect(renderSummary(input({ outputs: { ...outputs, 'cloudfront-domain': '' } }))).not.toContain('DNS record')
  })

  it('shows the sign-in link as an inert code span', () => {
    const md = renderSummary(input({ signInUrl: 'https://acme-sso.auth.eu-west-1.amazoncognito.com/oauth2/authorize?client_id=x|y' }))
    expect(md).toContain('| Sign-in link | `https://acme-sso.auth.eu-west-1.amazoncognito.com/oauth2/authorize?client_id=x\\|y` |')
    expect(renderSummary(input())).not.toContain('Sign-in link')
  })

  it('titles and counts a destroy and its preview', () => {
    const plan: Plan = {
      changed: true,
      problems: [],
      steps: [
        { resource: 'domain', name: 'acme-sso', action: 'delete', changes: [] },
        { resource: 'pool', name: 'openmetadata', action: 'delete', changes: [] },
      ],
    }
    const preview = renderSummary(input({ mode: 'plan-destroy', plan, outputs: {} }))
    expect(preview).toContain('## Cognito SSO destroy plan: `openmetadata`')
    expect(preview).toContain('2 resources would be deleted by mode: destroy.')
    expect(preview).toContain('| user pool | `openmetadata` | **delete** |')
    expect(renderSummary(input({ mode: 'destroy', plan, outputs: {} }))).toContain('2 resources deleted.')
    const nothing: Plan = { changed: false, problems: [], steps: [{ resource: 'pool', name: 'openmetadata', action: 'no-op', changes: [] }] }
    expect(renderSummary(input({ mode: 'destroy', plan: nothing, outputs: {} }))).toContain('Nothing to destroy')
  })
})

// Issue 16, case 7: a plan of 300 identity providers and 1,000 invitations fits one pull-request comment.
describe('long plans are summarised', () => {
  const providers: Plan['steps'] = Array.from({ length: 300 }, (_, i) => ({
    resource: 'provider' as const,
    name: `idp-${String(i + 1).padStart(3, '0')}`,
    action: 'create' as const,
    changes: [
      { field: 'ProviderType', before: undefined, after: 'OIDC' },
      { field: 'ProviderDetails.client_secret', before: undefined, after: '(secret)' },
    ],
  }))
  const invites = Array.from({ length: 1000 }, (_, i) => ({
    field: 'invite',
    before: undefined,
    after: `user-${String(i + 1).padStart(4, '0')}@bulk.example.com`,
  }))
  const flagged = {
    field: 'invite',
    before: undefined,
    after: '\u0430lice@x.example.com',
    warning: "invite-users: '\u0430lice@x.example.com' mixes scripts: U+0430 (Cyrillic) among Latin letters",
  }
  const bulk: Plan = {
    changed: true,
    problems: [],
    steps: [
      { resource: 'pool', name: 'openmetadata', action: 'create', changes: [] },
      ...providers,
      { resource: 'users', name: 'openmetadata', action: 'create', changes: [...invites, flagged] },
    ],
  }

  it('shows 20 of a kind and 20 changes of a step, counts the rest, and always shows a flagged change', () => {
    const text = renderSummary(input({ plan: bulk }))
    expect([...text].length).toBeLessThan(30_000)
    expect(text).toContain('| identity provider | `idp-020` | **create** |')
    expect(text).not.toContain('`idp-021`')
    expect(text).toContain('| identity provider | *(and 280 more)* | 300 identity providers in all: 300 create |')
    expect(text).toContain('`user-0020@bulk.example.com`')
    expect(text).not.toContain('user-0021@')
    expect(text).toContain('*(and 980 more `invite`: 1,001 in all)*')
    expect(text.split('\n').find((l) => l.includes('\u0430lice@x.example.com'))).toMatch(/⚠️ .*U\+0430 \(Cyrillic\)/)
    expect(text).toContain('The changes of 280 more resources are in the `plan` output and the job log.')
  })

  it('a plan within the limits renders as before (nothing folded)', () => {
    expect(renderSummary(input({ plan: { ...bulk, steps: bulk.steps.slice(0, 5) } }))).not.toMatch(/more\)|in all/)
  })

  it('itemsShown 0: only the counts', () => {
    const text = renderSummary(input({ plan: bulk, itemsShown: 0 }))
    expect(text).not.toContain('`idp-001`')
    expect(text).toContain('*(and 300 more)*')
  })
})
