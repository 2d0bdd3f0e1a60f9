// The only file that imports @actions/core: inputs → observe → plan → apply → outputs, then the
// report (log, job summary, pull-request comment) and the optional SSO checks.
import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { CognitoApi } from './cognito/api.js'
import { apply } from './cognito/apply.js'
import { applyDestroy, observeDestroy } from './cognito/destroy.js'
import { planDestroy } from './destroy.js'
import { createCognitoClient } from './cognito/client.js'
import { AwsCallError } from './cognito/errors.js'
import { observe } from './cognito/observe.js'
import { CommentPermissionError, commentMarker, pullRequestFrom, upsertComment, type PullRequestRef } from './comment.js'
import { parseInputs } from './config.js'
import { errorMessage, isUserError } from './errors.js'
import { renderSummary, type Check, type SummaryInput } from './markdown.js'
import { openMetadataEnv, openMetadataHelm } from './openmetadata.js'
import { endpointsFor, outputValues, type OutputIds } from './outputs.js'
import { plan as makePlan } from './plan.js'
import { renderJson, renderText, stepTitle } from './render.js'
import { PlanError, type Action, type Desired, type Plan } from './types.js'
import { verify } from './verify.js'
import { dnsRecord, isCustomDomain } from './custom-domain.js'
import { waitForCustomDomain } from './domain-wait.js'

const DONE: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  'replace-required': 'not changed',
  'no-op': 'unchanged',
  delete: 'deleted',
}

/** Outputs that carry the pool or client ID, and so are masked with mask-outputs. */
const SECRET_OUTPUTS = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri', 'openmetadata-env']

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const desired = parseInputs((name) => core.getInput(name), env)
    await reconcile(desired, env)
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}

async function reconcile(desired: Desired, env: NodeJS.ProcessEnv): Promise<void> {
  const secrets: string[] = []
  const secret = (value: string | undefined): void => {
    if (!desired.maskOutputs || !value || secrets.includes(value)) return
    core.setSecret(value)
    secrets.push(value)
  }
  /** The summary and the comment are not masked by the runner: secrets are replaced here. */
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text)
  secret(desired.userPoolId)
  const pr = pullRequestFrom(env.GITHUB_EVENT_NAME, readEvent(env.GITHUB_EVENT_PATH))
  const report = new Report(desired, env, pr, redact)
  const api = new CognitoApi(createCognitoClient({ region: desired.region }, env))
  if (desired.mode === 'destroy' || desired.mode === 'plan-destroy') return destroy(desired, api, report, secret, redact, pr?.fork === true)

  core.info(`Reading user pool '${desired.poolName}', domain '${desired.domain}' and app client '${desired.clientName}' in ${desired.region}`)
  let observation
  try {
    observation = await observe(api, desired, secret)
  } catch (error) {
    if (desired.mode === 'plan' && pr?.fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError') {
      const why = 'No plan: this pull request comes from a fork, and GitHub gives fork pull requests no access to the AWS credentials. A maintainer can run the plan from a branch of this repository.'
      core.warning(why)
      await report.summary({ notice: why, plan: { steps: [], changed: false, problems: [] } })
      return
    }
    throw error
  }
  const { observed, raw } = observation

  const plan = makePlan(desired, observed)
  core.info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
  core.setOutput('plan', renderJson(plan))
  core.setOutput('changed', String(plan.changed))
  if (plan.problems.length > 0) {
    await report.publish({ plan })
    throw new PlanError(plan.problems)
  }

  const observedCloudFront = observed.customDomain?.name === desired.domain ? observed.customDomain.cloudFrontDomain : undefined
  let ids: OutputIds = { userPoolId: observed.pool?.id, userPoolArn: observed.pool?.arn, clientId: observed.client?.id, cloudFrontDomain: observedCloudFront }
  if (desired.mode === 'apply' && plan.changed) {
    const done: string[] = []
    try {
      const applied = await apply(api, plan, raw, {
        found: secret,
        done: (step) => {
          done.push(`${stepTitle(step)} ${DONE[step.action]}`)
          core.info(`${stepTitle(step)}: ${DONE[step.action]}`)
        },
      })
      ids = { ...applied, cloudFrontDomain: applied.cloudFrontDomain ?? observedCloudFront }
    } catch (error) {
      const notice = `Apply stopped: ${redact(errorMessage(error))}\nDone before that: ${done.join('; ') || 'nothing'}.\nRunning the action again continues from there.`
      await report.summary({ plan, notice })
      throw error
    }
  } else if (desired.mode === 'apply') {
    core.info('Nothing to change: every resource already matches the inputs.')
  }

  const endpoints = endpointsFor(desired.region, { issuerBase: env.COGNITO_SSO_ISSUER_BASE_URL, hostedUiTemplate: env.COGNITO_SSO_HOSTED_UI_URL })
  const outputs = outputValues(endpoints, desired.domain, ids)
  if (desired.openmetadataUrl && outputs.issuer && outputs['client-id']) {
    outputs['openmetadata-env'] = openMetadataEnv({ issuer: outputs.issuer, clientId: outputs['client-id'], openmetadataUrl: desired.openmetadataUrl, ...(desired.inviteUsers ? { admins: desired.inviteUsers } : {}) })
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (outputs['cloudfront-domain']) core.info(`Custom domain: create the DNS record ${dnsRecord(desired.domain, outputs['cloudfront-domain'])}`)

  // SSO checks need all three resources; in plan mode only those that already exist are checked.
  const domainExists = desired.mode === 'apply' || [observed.pool?.domain, observed.pool?.customDomain].includes(desired.domain)
  const checks = desired.verify ? await checkSso(desired, outputs, domainExists, api) : []

  await report.publish({ plan, outputs, checks })

  const failed = checks.filter((c) => !c.ok)
  if (failed.length) {
    core.setFailed(`verify: ${failed.length} SSO check${failed.length > 1 ? 's' : ''} failed:\n${failed.map((c) => `- ${c.name}: ${c.detail}`).join('\n')}`)
  } else if (desired.mode === 'plan' && desired.failOnChanges && plan.changed) {
    const changing = plan.steps.filter((s) => s.action !== 'no-op').map(stepTitle)
    core.setFailed(`fail-on-changes: AWS differs from the inputs (${changing.join(', ')}); run the action in apply mode to converge`)
  }
}

/** mode: destroy / plan-destroy: observe what the action manages, plan its removal, then remove it (destroy). */
async function destroy(desired: Desired, api: CognitoApi, report: Report, secret: (v: string | undefined) => void, redact: (t: string) => string, fork: boolean): Promise<void> {
  core.info(`Reading what the action manages for user pool '${desired.poolName}' (app client '${desired.clientName}') in ${desired.region}`)
  let state
  try {
    state = await observeDestroy(api, desired, secret)
  } catch (error) {
    if (desired.mode === 'plan-destroy' && fork && error instanceof AwsCallError && error.code === 'CredentialsProviderError') {
      const why = 'No plan: this pull request comes from a fork, and GitHub gives fork pull requests no access to the AWS credentials.'
      core.warning(why)
      await report.summary({ notice: why, plan: { steps: [], changed: false, problems: [] } })
      return
    }
    throw error
  }
  const plan = planDestroy(desired, state.observed)
  core.info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
  core.setOutput('plan', renderJson(plan))
  core.setOutput('changed', String(plan.changed))
  if (plan.problems.length > 0) {
    await report.publish({ plan })
    throw new PlanError(plan.problems)
  }
  if (desired.mode === 'destroy' && plan.changed) {
    const done: string[] = []
    try {
      await applyDestroy(api, plan, state, (step) => {
        done.push(`${stepTitle(step)} deleted`)
        core.info(`${stepTitle(step)}: deleted`)
      })
    } catch (error) {
      const notice = `Destroy stopped: ${redact(errorMessage(error))}\nDone before that: ${done.join('; ') || 'nothing'}.\nRunning the destroy again continues from there.`
      await report.summary({ plan, notice })
      throw error
    }
  } else if (desired.mode === 'destroy') {
    core.info(`Nothing to destroy: no user pool named '${desired.poolName}' in ${desired.region}.`)
  }
  await report.publish({ plan })
}

async function checkSso(desired: Desired, outputs: Record<string, string>, domainExists: boolean, api: CognitoApi): Promise<Check[]> {
  const [issuer, hostedUiUrl, clientId] = [outputs.issuer, outputs['hosted-ui-url'], outputs['client-id']]
  if (!issuer || !hostedUiUrl || !clientId || !domainExists) {
    core.info('verify: skipped, the pool, domain and client do not all exist yet (plan mode)')
    return []
  }
  const started = Date.now()
  const domainChecks: Check[] = []
  if (isCustomDomain(desired.domain)) {
    // The custom domain's CloudFront distribution comes first; the hosted UI answers only after it.
    core.info(`verify: waiting (at most ${desired.verifyTimeoutSeconds} s) for Cognito to report the custom domain ${desired.domain} ACTIVE`)
    const check = await waitForCustomDomain(desired.domain, outputs['cloudfront-domain'], {
      status: async () => (await api.describeDomain(desired.domain))?.Status,
      timeoutMs: desired.verifyTimeoutSeconds * 1000,
      log: (m) => core.info(m),
    })
    domainChecks.push(check)
    if (!check.ok) {
      core.info(`FAIL: ${check.name}: ${check.detail}`)
      return domainChecks
    }
  }
  core.info('Checking SSO from the outside (issuer, signing keys, hosted UI)')
  const { callbackUrls, oauthFlows, oauthScopes } = desired
  const remainingMs = Math.max(0, desired.verifyTimeoutSeconds * 1000 - (Date.now() - started))
  const checks = domainChecks.concat(await verify(
    { issuer, hostedUiUrl, clientId, callbackUrls, oauthFlows, oauthScopes },
    { timeoutMs: remainingMs, log: (m) => core.info(m) },
  ))
  for (const c of checks) core.info(`${c.ok ? 'pass' : 'FAIL'}: ${c.name}: ${c.detail}`)
  return checks
}

/** The job summary and, for plans on pull requests, the sticky comment. Never fails the run. */
class Report {
  constructor(
    private readonly desired: Desired,
    private readonly env: NodeJS.ProcessEnv,
    private readonly pr: PullRequestRef | undefined,
    private readonly redact: (text: string) => string,
  ) {}

  private input(part: { plan: Plan; outputs?: Record<string, string>; checks?: Check[]; notice?: string }): SummaryInput {
    const d = this.desired
    return {
      mode: d.mode,
      region: d.region,
      poolName: d.poolName,
      callbackUrls: d.callbackUrls,
      maskedOutputs: d.maskOutputs ? SECRET_OUTPUTS : [],
      outputs: part.outputs ?? {},
      checks: (part.checks ?? []).map((c) => ({ ...c, name: this.redact(c.name), detail: this.redact(c.detail) })),
      plan: part.plan,
      ...(part.notice ? { notice: part.notice } : {}),
      ...signInLink(d, part.outputs ?? {}),
      ...helmAppendix(d, part.outputs ?? {}),
    }
  }

  async summary(part: { plan: Plan; outputs?: Record<string, string>; checks?: Check[]; notice?: string }): Promise<void> {
    if (!this.env.GITHUB_STEP_SUMMARY) return
    try {
      await core.summary.addRaw(renderSummary(this.input(part)), true).write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }
  }

  async publish(part: { plan: Plan; outputs?: Record<string, string>; checks?: Check[] }): Promise<void> {
    const { desired, pr } = this
    let notice: string | undefined
    if ((desired.mode === 'plan' || desired.mode === 'plan-destroy') && desired.comment && pr) {
      const token = core.getInput('github-token')
      if (!token) {
        notice = 'No pull-request comment: the github-token input is empty.'
      } else {
        try {
          const body = renderSummary(this.input(part))
          const result = await upsertComment({ token, apiUrl: this.env.GITHUB_API_URL || 'https://api.github.com', pr, marker: commentMarker(desired.region, desired.poolName), body })
          core.info(`Pull-request comment: ${result}`)
        } catch (error) {
          notice = error instanceof CommentPermissionError ? error.message : `The pull-request comment could not be posted: ${errorMessage(error)}`
        }
      }
      if (notice) core.warning(notice)
    }
    await this.summary({ ...part, ...(notice ? { notice } : {}) })
  }
}

/** The authorize URL a reviewer opens to sign in (code or implicit flow, first callback URL); not with masked IDs. */
function signInLink(desired: Desired, outputs: Record<string, string>): { signInUrl?: string } {
  const [hostedUi, clientId, callback] = [outputs['hosted-ui-url'], outputs['client-id'], desired.callbackUrls[0]]
  if (desired.maskOutputs || !hostedUi || !clientId || !callback) return {}
  const query = new URLSearchParams({ client_id: clientId, response_type: desired.oauthFlows.includes('code') ? 'code' : 'token', scope: desired.oauthScopes.join(' '), redirect_uri: callback })
  return { signInUrl: `${hostedUi}/oauth2/authorize?${query.toString()}` }
}

function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
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
