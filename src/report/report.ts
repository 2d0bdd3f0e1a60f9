// The report of a run: the job summary and, for plans on pull requests, the sticky comment, with the
// registered secrets redacted. Writes through an injected sink; never imports @actions/core.
import { COMMENT_MAX, CommentPermissionError, commentMarker, upsertComment, type PullRequestRef } from './comment.js'
import type { Runtime } from '../inputs/runtime.js'
import { errorMessage } from '../model/errors.js'
import { renderSummary, type SummaryInput } from './markdown.js'
import { openMetadataHelm } from './openmetadata.js'
import { SECRET_OUTPUTS } from './outputs.js'
import type { Check, Desired, Plan } from '../model/types.js'

/** Where the report goes: log lines (already log-safe) and the job summary; the comment poster is replaceable in tests. */
export interface ReportSink {
  info: (message: string) => void
  warning: (message: string) => void
  debug: (message: string) => void
  summary: (markdown: string) => Promise<void>
  postComment?: typeof upsertComment
}

export interface ReportPart {
  plan: Plan
  outputs?: Record<string, string>
  checks?: Check[]
  notice?: string
}

/** The job summary and, for plans on pull requests, the sticky comment. Never fails the run. */
export class Report {
  constructor(
    private readonly desired: Desired,
    private readonly runtime: Runtime,
    private readonly pr: PullRequestRef | undefined,
    private readonly redact: (text: string) => string,
    private readonly sink: ReportSink,
  ) {}

  /**
   * The comment's body within GitHub's limit (with the marker): the summary, else with fewer items of long
   * lists shown, else cut at a line with a note (the job summary and the plan output have all of it).
   */
  private commentBody(part: ReportPart, marker: string): string {
    const room = COMMENT_MAX - [...marker].length - 1
    for (const itemsShown of [undefined, 5, 0]) {
      const body = this.redact(renderSummary({ ...this.input(part), ...(itemsShown !== undefined ? { itemsShown } : {}) }))
      if ([...body].length <= room) return body
    }
    const note = '\n\n*(The plan is longer than a pull-request comment can hold: the job summary and the `plan` output have all of it.)*'
    const body = [...this.redact(renderSummary({ ...this.input(part), itemsShown: 0 }))]
    const cut = body.slice(0, room - [...note].length).join('')
    return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${note}`
  }

  private input(part: ReportPart): SummaryInput {
    const d = this.desired
    return {
      mode: d.mode,
      region: d.region,
      poolName: d.poolName,
      callbackUrls: d.callbackUrls,
      maskedOutputs: d.maskOutputs ? [...SECRET_OUTPUTS] : [],
      outputs: part.outputs ?? {},
      checks: (part.checks ?? []).map((c) => ({ ...c, name: this.redact(c.name), detail: this.redact(c.detail) })),
      plan: part.plan,
      ...(part.notice ? { notice: part.notice } : {}),
      ...signInLink(d, part.outputs ?? {}),
      ...helmAppendix(d, part.outputs ?? {}),
    }
  }

  async summary(part: ReportPart): Promise<void> {
    if (!this.runtime.stepSummary) return
    try {
      await this.sink.summary(this.redact(renderSummary(this.input(part))))
    } catch (error) {
      this.sink.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }
  }

  async publish(part: Omit<ReportPart, 'notice'>): Promise<void> {
    const { desired, pr } = this
    let notice: string | undefined
    if ((desired.mode === 'plan' || desired.mode === 'plan-destroy') && desired.comment && pr) {
      const token = this.runtime.githubToken
      if (!token) {
        notice = 'No pull-request comment: the github-token input is empty.'
      } else {
        try {
          const marker = commentMarker(desired.region, desired.poolName)
          const body = this.commentBody(part, marker)
          const post = this.sink.postComment ?? upsertComment
          const result = await post({ token, apiUrl: this.runtime.apiUrl, pr, marker, body })
          this.sink.info(`Pull-request comment: ${result}`)
        } catch (error) {
          notice = error instanceof CommentPermissionError ? error.message : `The pull-request comment could not be posted: ${errorMessage(error)}`
        }
      }
      if (notice) this.sink.warning(notice)
    }
    await this.summary({ ...part, ...(notice ? { notice } : {}) })
  }
}

/** The authorize URL a reviewer opens to sign in (code or implicit flow, first callback URL); not with masked IDs. */
function signInLink(desired: Desired, outputs: Record<string, string>): { signInUrl?: string } {
  const [hostedUi, clientId, callback] = [outputs['hosted-ui-url'], outputs['client-id'], desired.callbackUrls[0]]
  if (desired.maskOutputs || !hostedUi || !clientId || !callback) return {}
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: desired.oauthFlows.includes('code') ? 'code' : 'token',
    scope: desired.oauthScopes.join(' '),
    redirect_uri: callback,
  })
  return { signInUrl: `${hostedUi}/oauth2/authorize?${query.toString()}` }
}

/** The OpenMetadata Helm values for the summary; masked values are shown as their output's name. */
function helmAppendix(desired: Desired, outputs: Record<string, string>): { appendix?: string } {
  const { issuer, 'client-id': clientId } = outputs
  if (!desired.openmetadataUrl || !issuer || !clientId) return {}
  const helm = openMetadataHelm({ issuer, clientId, openmetadataUrl: desired.openmetadataUrl }, (output, value) =>
    desired.maskOutputs && SECRET_OUTPUTS.includes(output) ? `<masked: step output ${output}>` : value,
  )
  return { appendix: helm }
}
