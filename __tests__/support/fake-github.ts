// A small fake of the GitHub REST API's issue-comment endpoints, served over real HTTP on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path without the query string, e.g. /repos/o/r/issues/1/comments */
  path: string
  query: Record<string, string>
  body: unknown
  authorization: string | undefined
}

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  created_at: string
  updated_at: string
}

export interface FakeGitHubOptions {
  /** When set, requests whose Authorization is not `token <token>` get 401 Bad credentials. */
  token?: string
  /**
   * Who the token is. 'app' (the default) is GITHUB_TOKEN: `GET /user` answers 403 "Resource not
   * accessible by integration", GraphQL's viewer answers `viewerLogin`, and its comments are by
   * github-actions[bot]. A user (a personal access token) answers `GET /user` with its login.
   */
  identity?: { kind: 'app'; viewerLogin?: string } | { kind: 'user'; login: string }
  /** When true, POST /graphql answers 403 too (an installation token the GraphQL API refuses). */
  graphqlRefused?: boolean
}

/** The login the REST API shows as the author of comments made with GITHUB_TOKEN. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

const DOCS = 'https://docs.github.com/rest/issues/comments'

/**
 * GitHub refuses a comment body over 65,536 characters: 422 Validation Failed, "Body is too long (maximum is
 * 65536 characters)" (the REST API's answer, quoted in danger/danger#424 and telia-oss/github-pr-resource#259).
 * Counted here in characters (code points), the stricter reading of that message.
 */
export const COMMENT_BODY_MAX = 65536

function tooLong(text: string): boolean {
  return [...text].length > COMMENT_BODY_MAX
}

const TOO_LONG = {
  message: 'Validation Failed',
  errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${COMMENT_BODY_MAX} characters)` }],
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  /** When set, POST and PATCH are answered with this status (403 = read-only GITHUB_TOKEN). */
  writeStatus: 403 | 404 | undefined
  /** When set, GET is answered with this status. */
  readStatus: 403 | 404 | undefined
  private readonly threads = new Map<string, FakeComment[]>()
  private nextId = 1000
  private readonly server: Server
  private readonly token: string | undefined
  private readonly options: FakeGitHubOptions
  url = ''

  private constructor(options: FakeGitHubOptions) {
    this.token = options.token
    this.options = options
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        send(res, 500, { message: String(error) })
      })
    })
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options)
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject)
      fake.server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = fake.server.address() as AddressInfo
    fake.url = `http://127.0.0.1:${port}`
    return fake
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** The comments of one issue / pull request, in creation order (the live array). */
  comments(owner: string, repo: string, issue: number): FakeComment[] {
    const key = `${owner}/${repo}#${issue}`.toLowerCase()
    let list = this.threads.get(key)
    if (list === undefined) {
      list = []
      this.threads.set(key, list)
    }
    return list
  }

  /** The REST login of the token in use: its comments are by this author. */
  get authorLogin(): string {
    const identity = this.options.identity ?? { kind: 'app' }
    return identity.kind === 'user' ? identity.login : ACTIONS_BOT_LOGIN
  }

  addComment(owner: string, repo: string, issue: number, body: string, login = 'someone'): FakeComment {
    const now = new Date().toISOString()
    const type = login.endsWith('[bot]') ? 'Bot' : 'User'
    const comment: FakeComment = { id: this.nextId++, body, user: { login, type }, created_at: now, updated_at: now }
    this.comments(owner, repo, issue).push(comment)
    return comment
  }

  /** Requests other than GET, except the GraphQL identity query (a read sent as POST). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')
  }

  /** Requests to the issue-comment endpoints only (not the identity look-ups). */
  commentRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/repos/'))
  }

  private findComment(owner: string, repo: string, id: number): FakeComment | undefined {
    const prefix = `${owner}/${repo}#`.toLowerCase()
    for (const [key, list] of this.threads) {
      if (!key.startsWith(prefix)) continue
      const found = list.find((c) => c.id === id)
      if (found) return found
    }
    return undefined
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const raw = await readBody(req)
    let body: unknown = undefined
    if (raw !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        send(res, 400, { message: 'Problems parsing JSON', documentation_url: DOCS })
        return
      }
    }
    const method = req.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
    })

    if (this.token !== undefined && req.headers.authorization !== `token ${this.token}`) {
      send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })
      return
    }

    const identity = this.options.identity ?? { kind: 'app' }
    if (method === 'GET' && url.pathname === '/user') {
      if (identity.kind === 'app') return refuse(res, 403)
      send(res, 200, { login: identity.login, type: 'User' })
      return
    }
    if (method === 'POST' && url.pathname === '/graphql') {
      if (this.options.graphqlRefused) return refuse(res, 403)
      const raw = record(body)?.['query']
      const query = typeof raw === 'string' ? raw : ''
      if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) return send(res, 200, { errors: [{ message: 'only viewer { login } is faked' }] })
      const login = identity.kind === 'user' ? identity.login : (identity.viewerLogin ?? ACTIONS_BOT_LOGIN)
      send(res, 200, { data: { viewer: { login } } })
      return
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)

    if (method === 'GET' && list) {
      if (this.readStatus !== undefined) return refuse(res, this.readStatus)
      const [, owner = '', repo = '', issue = ''] = list
      const all = this.comments(owner, repo, Number(issue))
      const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
      const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
      const last = Math.max(Math.ceil(all.length / perPage), 1)
      const pageUrl = (n: number): string => {
        const u = new URL(url.pathname, this.url)
        u.searchParams.set('per_page', String(perPage))
        u.searchParams.set('page', String(n))
        return u.toString()
      }
      const links: string[] = []
      if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`)
      if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
      if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`)
      const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {}
      send(res, 200, all.slice((page - 1) * perPage, page * perPage), headers)
      return
    }

    if (method === 'POST' && list) {
      if (this.writeStatus !== undefined) return refuse(res, this.writeStatus)
      const [, owner = '', repo = '', issue = ''] = list
      const text = record(body)?.['body']
      if (typeof text !== 'string') return send(res, 422, { message: 'Invalid request.', documentation_url: DOCS })
      if (tooLong(text)) return send(res, 422, TOO_LONG)
      send(res, 201, this.addComment(owner, repo, Number(issue), text, this.authorLogin))
      return
    }

    if (method === 'PATCH' && one) {
      if (this.writeStatus !== undefined) return refuse(res, this.writeStatus)
      const [, owner = '', repo = '', id = ''] = one
      const comment = this.findComment(owner, repo, Number(id))
      if (comment === undefined) return refuse(res, 404)
      const text = record(body)?.['body']
      if (typeof text !== 'string') return send(res, 422, { message: 'Invalid request.', documentation_url: DOCS })
      if (tooLong(text)) return send(res, 422, TOO_LONG)
      comment.body = text
      comment.updated_at = new Date().toISOString()
      send(res, 200, comment)
      return
    }

    refuse(res, 404)
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
}

function refuse(res: ServerResponse, status: 403 | 404): void {
  if (status === 403) send(res, 403, { message: 'Resource not accessible by integration', documentation_url: DOCS })
  else send(res, 404, { message: 'Not Found', documentation_url: DOCS })
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(payload))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
