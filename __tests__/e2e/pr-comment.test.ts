// Plan mode on pull requests: one sticky comment kept up to date, a read-only token, forks without
// AWS credentials, and a missing credentials step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeGitHub } from '../support/fake-github.js'
import {
  NODES,
  NO_CREDENTIALS,
  expectExit,
  expectNoIdsInClear,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  run,
  useLocalCognito,
  type RunOptions,
} from './helpers.js'

const TOKEN = 'ghs_e2eCommentToken'

function pullRequest(number: number, headRepo = 'acme/webapp'): unknown {
  return {
    pull_request: {
      number,
      head: { repo: { full_name: headRepo } },
      base: { repo: { full_name: 'acme/webapp', name: 'webapp', owner: { login: 'acme' } } },
    },
  }
}

describe.each(NODES)('pull-request comment under %s', (_label, node) => {
  const ctx = useLocalCognito()
  let fake: FakeGitHub
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN })
  })
  afterEach(async () => {
    await fake.close()
  })
  const onPr = (number: number, headRepo?: string): RunOptions => ({
    env: { GITHUB_API_URL: fake.url },
    eventName: 'pull_request',
    event: pullRequest(number, headRepo),
    token: TOKEN,
  })

  it('creates one comment, leaves it alone when nothing changed, and updates it in place', async () => {
    const { lc } = ctx
    const inputs = inputsFor('commented')
    const applied = await run(node, lc, inputs)
    expectExit(applied, 0)
    const { poolId, poolArn, clientId } = idsOf(applied)
    const thread = fake.comments('acme', 'webapp', 7)
    const marker = `<!-- cognito-sso-action:plan:${encodeURIComponent(`us-east-1/${inputs['pool-name']}`)} -->`

    const first = await run(node, lc, { ...inputs, mode: 'plan' }, onPr(7))
    expectExit(first, 0)
    expect(first.warnings).toEqual([])
    expect(thread).toHaveLength(1)
    const comment = thread[0]
    expect(comment?.body.startsWith(marker)).toBe(true)
    expect(comment?.body).toContain('| Resource | Name | Action |')
    expect(comment?.body).toContain(`| app client | \`${inputs['pool-name']}-client\` | no change |`)
    for (const secret of [poolId, poolArn, clientId]) expect(comment?.body).not.toContain(secret)
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /repos/acme/webapp/issues/7/comments'])

    const second = await run(node, lc, { ...inputs, mode: 'plan' }, onPr(7))
    expectExit(second, 0)
    expect(fake.writes()).toHaveLength(1)
    expect(thread).toHaveLength(1)

    const changedUrl = 'https://commented.example.com/changed-callback'
    const third = await run(node, lc, { ...inputs, mode: 'plan', 'callback-urls': changedUrl }, onPr(7))
    expectExit(third, 0)
    expect(third.outputs.changed).toBe('true')
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      'POST /repos/acme/webapp/issues/7/comments',
      `PATCH /repos/acme/webapp/issues/comments/${comment?.id}`,
    ])
    expect(thread).toHaveLength(1)
    expect(thread[0]?.body.startsWith(marker)).toBe(true)
    expect(thread[0]?.body).toContain(changedUrl)
    expect(thread[0]?.body).toContain(`| app client | \`${inputs['pool-name']}-client\` | **update** |`)
    for (const secret of [poolId, poolArn, clientId]) expect(thread[0]?.body).not.toContain(secret)
    expect(lc.writeCalls()).toHaveLength(3) // the apply's three creates (the pool created with deletion protection), nothing since
  })

  it('ignores a forged "No changes" comment by another user and posts its own', async () => {
    const { lc } = ctx
    const inputs = inputsFor('forged')
    const marker = `<!-- cognito-sso-action:plan:${encodeURIComponent(`us-east-1/${inputs['pool-name']}`)} -->`
    const forged = fake.addComment('acme', 'webapp', 8, `${marker}\n## Cognito SSO plan\n\nNo changes: AWS already matches the inputs.`, 'mallory')

    const r = await run(node, lc, { ...inputs, mode: 'plan' }, onPr(8))
    expectExit(r, 0)
    expect(r.outputs.changed).toBe('true')
    const thread = fake.comments('acme', 'webapp', 8)
    expect(thread).toHaveLength(2)
    expect(forged.body).toContain('No changes')
    expect(thread[1]?.user.login).toBe('github-actions[bot]')
    expect(thread[1]?.body.startsWith(marker)).toBe(true)
    expect(thread[1]?.body).toContain('3 of 3 resources would change when applied.')
    expect(fake.writes().map((w) => w.method)).toEqual(['POST'])
    await expectNoIdsInClear(
      r,
      lc,
      thread.map((c) => c.body),
    )
  })

  it('a token without pull-requests: write is a warning, not a failure', async () => {
    const { lc } = ctx
    fake.writeStatus = 403
    const r = await run(node, lc, { ...inputsFor('readonly-token'), mode: 'plan' }, onPr(8))
    expectExit(r, 0)
    expect(r.errors).toEqual([])
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toContain('pull-requests: write')
    expect(r.summary).toContain('pull-requests: write')
    expect(r.summary).toContain('| Resource | Name | Action |')
    expect(fake.comments('acme', 'webapp', 8)).toEqual([])
  })

  it('a fork without AWS credentials gets a warning and a summary that says why there is no plan', async () => {
    const { lc } = ctx
    const r = await run(
      node,
      lc,
      { ...inputsFor('forked'), mode: 'plan' },
      { ...onPr(9, 'contributor/webapp'), env: { GITHUB_API_URL: fake.url, ...NO_CREDENTIALS } },
    )
    expectExit(r, 0)
    expect(r.errors).toEqual([])
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(/fork/)
    expect(r.summary).toContain('No plan')
    expect(r.summary).toContain('fork')
    expect(lc.calls).toEqual([]) // unsigned: never reached Cognito
    expect(fake.requests).toEqual([])
    expectNoStackTrace(r)
  })

  it('the fork summary does not claim that AWS matches the inputs', async () => {
    const { lc } = ctx
    const r = await run(
      node,
      lc,
      { ...inputsFor('forked-headline'), mode: 'plan' },
      { ...onPr(10, 'contributor/webapp'), env: { GITHUB_API_URL: fake.url, ...NO_CREDENTIALS } },
    )
    expectExit(r, 0)
    expect(r.summary).toContain('No plan')
    expect(r.summary).not.toContain('AWS already matches the inputs')
  })

  it('without credentials on a pull request from this repository, fails with a clear error', async () => {
    const { lc } = ctx
    const r = await run(node, lc, { ...inputsFor('no-credentials'), mode: 'plan' }, { ...onPr(11), env: { GITHUB_API_URL: fake.url, ...NO_CREDENTIALS } })
    expectExit(r, 1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('credentials')
    expect(r.errors[0]).toContain('aws-actions/configure-aws-credentials')
    expect(r.warnings).toEqual([])
    expect(lc.calls).toEqual([])
    expectNoStackTrace(r)
  })
})
