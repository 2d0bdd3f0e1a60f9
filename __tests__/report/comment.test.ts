import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CommentPermissionError, commentMarker, pullRequestFrom, upsertComment, type PullRequestRef, type UpsertOptions } from '../../src/report/comment.js'
import { ACTIONS_BOT_LOGIN, FakeGitHub } from '../support/fake-github.js'

const TOKEN = 'ghs_fakeToken123'
const OWNER = 'acme'
const REPO = 'infra'
const PR_NUMBER = 42
const LIST_PATH = `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`
const MARKER = commentMarker('us-east-1', 'openmetadata')

const pr = (over: Partial<PullRequestRef> = {}): PullRequestRef => ({ owner: OWNER, repo: REPO, number: PR_NUMBER, fork: false, ...over })

let github: FakeGitHub

beforeEach(async () => {
  github = await FakeGitHub.start({ token: TOKEN })
})

afterEach(async () => {
  await github.close()
})

const upsert = (over: Partial<UpsertOptions> = {}) =>
  upsertComment({ token: TOKEN, apiUrl: github.url, pr: pr(), marker: MARKER, body: '### Plan\n- create pool', ...over })

const fill = (count: number, body = (i: number) => `unrelated comment ${i}`): void => {
  for (let i = 0; i < count; i++) github.addComment(OWNER, REPO, PR_NUMBER, body(i))
}

/** Runs the promise and returns what it rejected with (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('upsertComment', () => {
  it('creates the comment when none carries the marker', async () => {
    await expect(upsert()).resolves.toBe('created')

    const writes = github.writes()
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatchObject({ method: 'POST', path: LIST_PATH, authorization: `token ${TOKEN}` })
    expect(writes[0]?.body).toEqual({ body: `${MARKER}\n### Plan\n- create pool` })
    // Every request, reads included, carries the token and went to the fake server (not api.github.com).
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(github.commentRequests()[0]).toMatchObject({ method: 'GET', path: LIST_PATH, query: { per_page: '100' } })
    const stored = github.comments(OWNER, REPO, PR_NUMBER)
    expect(stored.map((c) => c.body)).toEqual([`${MARKER}\n### Plan\n- create pool`])
  })

  it('finds our comment on page 3 of 3 and updates it in place', async () => {
    fill(250)
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold plan`, 'github-actions[bot]')

    await expect(upsert({ body: 'new plan' })).resolves.toBe('updated')

    const reads = github.commentRequests().filter((r) => r.method === 'GET')
    expect(reads.map((r) => r.query['page'] ?? '1')).toEqual(['1', '2', '3'])
    expect(reads.every((r) => r.path === LIST_PATH && r.query['per_page'] === '100')).toBe(true)
    const writes = github.writes()
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatchObject({
      method: 'PATCH',
      path: `/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`,
      body: { body: `${MARKER}\nnew plan` },
      authorization: `token ${TOKEN}`,
    })
    const stored = github.comments(OWNER, REPO, PR_NUMBER)
    expect(stored).toHaveLength(251)
    expect(ours.body).toBe(`${MARKER}\nnew plan`)
    expect(stored.slice(0, 250).every((c, i) => c.body === `unrelated comment ${i}`)).toBe(true)
  })

  it('stops paging as soon as the marker is found', async () => {
    github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold plan`, ACTIONS_BOT_LOGIN)
    fill(250)

    await expect(upsert({ body: 'new plan' })).resolves.toBe('updated')

    expect(github.commentRequests().filter((r) => r.method === 'GET')).toHaveLength(1)
    expect(github.writes().map((r) => r.method)).toEqual(['PATCH'])
  })

  it('leaves an identical comment alone: no write at all', async () => {
    fill(120)
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nsame plan`, ACTIONS_BOT_LOGIN)
    const updatedAt = ours.updated_at

    await expect(upsert({ body: 'same plan' })).resolves.toBe('unchanged')

    expect(github.writes()).toEqual([])
    expect(ours.updated_at).toBe(updatedAt)
    expect(github.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(121)
  })

  it('never touches comments with another marker, and creates its own', async () => {
    const otherAction = github.addComment(OWNER, REPO, PR_NUMBER, '<!-- terraform-plan -->\nPlan: 1 to add')
    const otherPool = github.addComment(OWNER, REPO, PR_NUMBER, `${commentMarker('us-east-1', 'openmetadata-dev')}\ndev plan`)
    const otherRegion = github.addComment(OWNER, REPO, PR_NUMBER, `${commentMarker('eu-west-1', 'openmetadata')}\neu plan`)
    const quoted = github.addComment(OWNER, REPO, PR_NUMBER, `> ${MARKER}\n> old plan\n\nWhy?`)

    await expect(upsert({ body: 'plan' })).resolves.toBe('created')

    expect(github.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${LIST_PATH}`])
    expect(otherAction.body).toBe('<!-- terraform-plan -->\nPlan: 1 to add')
    expect(otherPool.body).toBe(`${commentMarker('us-east-1', 'openmetadata-dev')}\ndev plan`)
    expect(otherRegion.body).toBe(`${commentMarker('eu-west-1', 'openmetadata')}\neu plan`)
    expect(quoted.body).toBe(`> ${MARKER}\n> old plan\n\nWhy?`)
    expect(github.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(5)
  })

  it('updates only the first of several comments carrying the marker', async () => {
    const first = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nfirst`, ACTIONS_BOT_LOGIN)
    fill(150)
    const second = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nsecond`, ACTIONS_BOT_LOGIN)

    await expect(upsert({ body: 'latest' })).resolves.toBe('updated')

    expect(first.body).toBe(`${MARKER}\nlatest`)
    expect(second.body).toBe(`${MARKER}\nsecond`)
    expect(github.writes()).toHaveLength(1)
  })

  it('turns 403 on create into a CommentPermissionError naming pull-requests: write', async () => {
    github.writeStatus = 403

    const error = await rejection(upsert())

    expect(error).toBeInstanceOf(CommentPermissionError)
    const e = error as CommentPermissionError
    expect(e.status).toBe(403)
    expect(e.name).toBe('CommentPermissionError')
    expect(e.message).toContain('pull-requests: write')
    expect(e.message).toContain('permissions')
    expect(e.message).toMatch(/forks get a read-only GITHUB_TOKEN/)
    expect(e.message).toContain('Resource not accessible by integration')
    expect(e.message).toContain(`${OWNER}/${REPO}#${PR_NUMBER}`)
    expect(github.writes().map((r) => r.method)).toEqual(['POST'])
    expect(github.comments(OWNER, REPO, PR_NUMBER)).toEqual([])
  })

  it('says so plainly when the pull request comes from a fork', async () => {
    github.writeStatus = 403

    const error = await rejection(upsert({ pr: pr({ fork: true }) }))

    expect(error).toBeInstanceOf(CommentPermissionError)
    expect((error as Error).message).toMatch(/comes from a fork/)
  })

  it('turns 403 on update into a CommentPermissionError', async () => {
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, ACTIONS_BOT_LOGIN)
    github.writeStatus = 403

    const error = await rejection(upsert({ body: 'new' }))

    expect(error).toBeInstanceOf(CommentPermissionError)
    expect((error as CommentPermissionError).status).toBe(403)
    expect(github.writes().map((r) => r.method)).toEqual(['PATCH'])
    expect(ours.body).toBe(`${MARKER}\nold`)
  })

  it('turns 404 on create into a CommentPermissionError', async () => {
    github.writeStatus = 404

    const error = await rejection(upsert())

    expect(error).toBeInstanceOf(CommentPermissionError)
    expect((error as CommentPermissionError).status).toBe(404)
    expect((error as Error).message).toContain('pull-requests: write')
  })

  it('turns 404 on listing into a CommentPermissionError', async () => {
    github.readStatus = 404

    const error = await rejection(upsert())

    expect(error).toBeInstanceOf(CommentPermissionError)
    expect((error as CommentPermissionError).status).toBe(404)
    expect(github.writes()).toEqual([])
  })

  it('turns 401 (bad token) into a CommentPermissionError', async () => {
    const error = await rejection(upsert({ token: 'wrong-token' }))

    expect(error).toBeInstanceOf(CommentPermissionError)
    expect((error as CommentPermissionError).status).toBe(401)
    expect(github.requests[0]?.authorization).toBe('token wrong-token')
  })

  it('lets other failures propagate unchanged', async () => {
    const closed = github.url
    await github.close()
    github = await FakeGitHub.start({ token: TOKEN })

    const error = await rejection(upsert({ apiUrl: closed }))

    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(CommentPermissionError)
  })
})

describe('pullRequestFrom', () => {
  const payload = (over: { head?: unknown; base?: unknown } = {}) => ({
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      head: 'head' in over ? over.head : { ref: 'feature', repo: { full_name: 'acme/infra', name: 'infra', owner: { login: 'acme' } } },
      base: over.base ?? { ref: 'main', repo: { full_name: 'acme/infra', name: 'infra', owner: { login: 'acme' } } },
    },
    repository: { full_name: 'acme/infra', name: 'infra', owner: { login: 'acme' } },
  })

  it('reads a same-repository pull_request', () => {
    expect(pullRequestFrom('pull_request', payload())).toEqual({ owner: 'acme', repo: 'infra', number: 7, fork: false })
  })

  it('reads pull_request_target too', () => {
    expect(pullRequestFrom('pull_request_target', payload())).toEqual({ owner: 'acme', repo: 'infra', number: 7, fork: false })
  })

  it('flags a pull request from a fork', () => {
    const head = { ref: 'patch-1', repo: { full_name: 'mallory/infra', name: 'infra', owner: { login: 'mallory' } } }
    expect(pullRequestFrom('pull_request', payload({ head }))).toEqual({ owner: 'acme', repo: 'infra', number: 7, fork: true })
  })

  it('treats a deleted fork (head.repo null) or a missing head.repo as a fork', () => {
    expect(pullRequestFrom('pull_request', payload({ head: { ref: 'patch-1', repo: null } }))?.fork).toBe(true)
    expect(pullRequestFrom('pull_request', payload({ head: { ref: 'patch-1' } }))?.fork).toBe(true)
    expect(pullRequestFrom('pull_request', payload({ head: undefined }))?.fork).toBe(true)
  })

  it('returns undefined for other events or an unusable payload', () => {
    expect(pullRequestFrom('push', payload())).toBeUndefined()
    expect(pullRequestFrom('workflow_dispatch', {})).toBeUndefined()
    expect(pullRequestFrom(undefined, payload())).toBeUndefined()
    expect(pullRequestFrom('pull_request', undefined)).toBeUndefined()
    expect(pullRequestFrom('pull_request', null)).toBeUndefined()
    expect(pullRequestFrom('pull_request', { action: 'opened' })).toBeUndefined()
    expect(pullRequestFrom('pull_request', { pull_request: { number: 'seven' } })).toBeUndefined()
  })

  it('falls back to payload.repository when base.repo is absent', () => {
    const event = {
      number: 9,
      pull_request: { number: 9, head: { repo: { full_name: 'acme/infra' } } },
      repository: { name: 'infra', owner: { login: 'acme' } },
    }
    expect(pullRequestFrom('pull_request', event)).toEqual({ owner: 'acme', repo: 'infra', number: 9, fork: false })
  })
})

describe('commentMarker', () => {
  it('is a hidden HTML comment naming region and pool', () => {
    expect(commentMarker('us-east-1', 'openmetadata')).toBe('<!-- cognito-sso-action:plan:us-east-1%2Fopenmetadata -->')
  })

  it('encodes the pool name so it cannot end the HTML comment', () => {
    const marker = commentMarker('eu-west-1', 'my pool-->x')
    expect(marker).toBe('<!-- cognito-sso-action:plan:eu-west-1%2Fmy%20pool--%3Ex -->')
    expect(marker.indexOf('-->')).toBe(marker.length - 3)
    expect(commentMarker('eu-west-1', 'a b')).not.toBe(commentMarker('eu-west-1', 'a%20b'))
  })
})

describe("upsertComment: our comment is the marker AND the token's author", () => {
  it('ignores a forged "No changes" comment by another user, and posts its own (GITHUB_TOKEN)', async () => {
    const forged = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nNo changes: AWS already matches the inputs.`, 'mallory')

    await expect(upsert({ body: '1 of 3 resources would change when applied.' })).resolves.toBe('created')

    expect(forged.body).toBe(`${MARKER}\nNo changes: AWS already matches the inputs.`)
    const writes = github.writes()
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatchObject({ method: 'POST', path: LIST_PATH })
    const stored = github.comments(OWNER, REPO, PR_NUMBER)
    expect(stored.map((c) => c.user.login)).toEqual(['mallory', ACTIONS_BOT_LOGIN])
    // GET /user answers 403 to GITHUB_TOKEN; the identity came from GraphQL's viewer.
    expect(github.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['GET /user', 'POST /graphql'])
  })

  it('on the next run updates its own comment, still never the forged one above it', async () => {
    const forged = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nforged`, 'mallory')
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, ACTIONS_BOT_LOGIN)

    await expect(upsert({ body: 'new' })).resolves.toBe('updated')

    expect(forged.body).toBe(`${MARKER}\nforged`)
    expect(ours.body).toBe(`${MARKER}\nnew`)
  })

  it('ignores a marker comment by another bot too', async () => {
    github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, 'renovate[bot]')
    await expect(upsert()).resolves.toBe('created')
  })

  it("matches GraphQL's viewer login without the [bot] suffix to the REST author", async () => {
    await github.close()
    github = await FakeGitHub.start({ token: TOKEN, identity: { kind: 'app', viewerLogin: 'github-actions' } })
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, ACTIONS_BOT_LOGIN)
    await expect(upsert({ body: 'new' })).resolves.toBe('updated')
    expect(ours.body).toBe(`${MARKER}\nnew`)
  })

  it('falls back to github-actions[bot] when neither GET /user nor GraphQL answers', async () => {
    await github.close()
    github = await FakeGitHub.start({ token: TOKEN, graphqlRefused: true })
    github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nforged`, 'mallory')
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, ACTIONS_BOT_LOGIN)
    await expect(upsert({ body: 'new' })).resolves.toBe('updated')
    expect(ours.body).toBe(`${MARKER}\nnew`)
  })

  it("with a personal access token, its comments are the user's, found through GET /user", async () => {
    await github.close()
    github = await FakeGitHub.start({ token: TOKEN, identity: { kind: 'user', login: 'deploy-bot-user' } })
    const bots = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nby actions`, ACTIONS_BOT_LOGIN)
    const ours = github.addComment(OWNER, REPO, PR_NUMBER, `${MARKER}\nold`, 'Deploy-Bot-User')

    await expect(upsert({ body: 'new' })).resolves.toBe('updated')

    expect(bots.body).toBe(`${MARKER}\nby actions`)
    expect(ours.body).toBe(`${MARKER}\nnew`)
    expect(github.requests.some((r) => r.path === '/graphql')).toBe(false)
  })
})
