// One sticky pull-request comment, found again by a hidden marker and updated in place.

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
  /** True when the head branch lives in another repository (or a deleted one): GITHUB_TOKEN is then read-only. */
  fork: boolean
}

/** GitHub's limit for a comment's body (the API answers 422 "body is too long (maximum is 65536 characters)"). */
export const COMMENT_MAX = 65_536

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
}

/**
 * From the event name and the parsed event payload (GITHUB_EVENT_PATH JSON): the pull request, or undefined
 * when the event is not pull_request / pull_request_target (or the payload lacks the pull request). Pure.
 */
export function pullRequestFrom(eventName: string | undefined, payload: unknown): PullRequestRef | undefined {
  if (eventName === undefined || !PULL_REQUEST_EVENTS.has(eventName)) return undefined
  const event = record(payload)
  const pr = record(event?.['pull_request'])
  if (event === undefined || pr === undefined) return undefined

  const number = positiveInteger(pr['number']) ?? positiveInteger(event['number'])
  const baseRepo = record(record(pr['base'])?.['repo'])
  const repository = record(event['repository'])
  const owner = text(record(baseRepo?.['owner'])?.['login']) ?? text(record(repository?.['owner'])?.['login'])
  const repo = text(baseRepo?.['name']) ?? text(repository?.['name'])
  if (number === undefined || owner === undefined || repo === undefined) return undefined

  const baseFullName = text(baseRepo?.['full_name']) ?? `${owner}/${repo}`
  const headFullName = text(record(record(pr['head'])?.['repo'])?.['full_name'])
  // A null head.repo means the fork was deleted; either way the token is not the base repository's.
  const fork = headFullName === undefined || headFullName.toLowerCase() !== baseFullName.toLowerCase()
  return { owner, repo, number, fork }
}

/** The hidden HTML comment that identifies our comment for one pool. */
export function commentMarker(region: string, poolName: string): string {
  return `<!-- cognito-sso-action:plan:${encodeURIComponent(`${region}/${poolName}`)} -->`
}

export interface UpsertOptions {
  token: string
  /** GITHUB_API_URL, e.g. https://api.github.com */
  apiUrl: string
  pr: PullRequestRef
  /** Hidden marker, e.g. from commentMarker(). */
  marker: string
  /** Comment text, without the marker. */
  body: string
}

export type UpsertResult = 'created' | 'updated' | 'unchanged'

/** GitHub refused a comment call (401, 403 or 404): almost always a token without `pull-requests: write`. */
export class CommentPermissionError extends Error {
  override name = 'CommentPermissionError'
  readonly status: number

  constructor(message: string, status: number, options?: { cause?: unknown }) {
    super(message, options)
    this.status = status
  }
}

const PERMISSION_STATUSES = new Set([401, 403, 404])

function statusOf(error: unknown): number | undefined {
  const status = record(error)?.['status']
  return typeof status === 'number' ? status : undefined
}

function permissionError(error: unknown, action: string, pr: PullRequestRef): unknown {
  const status = statusOf(error)
  if (status === undefined || !PERMISSION_STATUSES.has(status)) return error
  const detail = error instanceof Error && error.message ? ` (${error.message.split('\n')[0]})` : ''
  const lines = [
    `Could not ${action} the pull request comment on ${pr.owner}/${pr.repo}#${pr.number}: GitHub answered ${status}${detail}.`,
    status === 401
      ? 'The token was rejected; pass a valid token (the default is GITHUB_TOKEN).'
      : 'The token needs `pull-requests: write`: add `permissions: { contents: read, pull-requests: write }` to the workflow or job.',
    pr.fork
      ? 'This pull request comes from a fork, and pull requests from forks get a read-only GITHUB_TOKEN: set `comment: false` for them.'
      : 'Note that pull requests from forks get a read-only GITHUB_TOKEN, whatever `permissions:` says.',
  ]
  return new CommentPermissionError(lines.join('\n'), status, { cause: error })
}

const normalized = (body: string): string => body.replace(/\r\n/g, '\n')

/** The login GITHUB_TOKEN comments under (REST); GraphQL's viewer may name it without the suffix. */
export const ACTIONS_BOT = 'github-actions[bot]'

/** Logins compared as GitHub shows them: case-insensitive, with or without the `[bot]` suffix. */
export function sameLogin(a: string, b: string): boolean {
  const plain = (login: string): string => login.toLowerCase().replace(/\[bot\]$/, '')
  return plain(a) === plain(b)
}

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

/**
 * Who the token is, so that only comments it wrote count as ours: `GET /user` answers for a personal
 * access token; GITHUB_TOKEN and other app installation tokens get 403 there ("Resource not accessible
 * by integration"), and GraphQL's `viewer { login }` answers for them. When neither answers, the token
 * is taken to be GITHUB_TOKEN (the input's default), whose comments are by github-actions[bot].
 */
export async function tokenLogin(octokit: Octokit, pr: PullRequestRef): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    if (typeof data.login === 'string' && data.login !== '') return data.login
  } catch (error) {
    if (statusOf(error) === 401) throw permissionError(error, 'identify the token for', pr)
  }
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }')
    const login = answer.viewer?.login
    if (typeof login === 'string' && login !== '') return login
  } catch {
    // fall through: GITHUB_TOKEN
  }
  return ACTIONS_BOT
}

/**
 * Creates our comment, or updates it in place when its body changed, or leaves it when identical.
 * Our comment is the first issue comment whose body starts with the marker AND whose author is the
 * token's identity (all pages are searched): a marker-bearing comment by anyone else is ignored, as
 * anyone who can comment can forge the marker.
 */
export async function upsertComment(options: UpsertOptions): Promise<UpsertResult> {
  const { token, apiUrl, pr, marker } = options
  const body = `${marker}\n${options.body}`
  // A chunk of its own, loaded here: most runs post no comment (scripts/build.js writes one licenses.txt for all chunks).
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') })
  const where = { owner: pr.owner, repo: pr.repo }

  const me = await tokenLogin(octokit, pr)
  let existing: { id: number; body: string } | undefined
  try {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 })
    search: for await (const page of pages) {
      for (const comment of page.data) {
        const current = comment.body ?? ''
        const author = comment.user?.login ?? ''
        if (current.trimStart().startsWith(marker) && sameLogin(author, me)) {
          existing = { id: comment.id, body: current }
          break search
        }
      }
    }
  } catch (error) {
    throw permissionError(error, 'list', pr)
  }

  if (existing === undefined) {
    try {
      await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body })
    } catch (error) {
      throw permissionError(error, 'create', pr)
    }
    return 'created'
  }

  if (normalized(existing.body) === normalized(body)) return 'unchanged'
  try {
    await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
  } catch (error) {
    throw permissionError(error, 'update', pr)
  }
  return 'updated'
}
