// The only file that imports @actions/core: inputs → observe → plan → apply → outputs, then the
// report (log, job summary, pull-request comment) and the optional SSO checks.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import { CognitoApi } from './cognito/api.js'
import { apply } from './cognito/apply.js'
import { createCognitoClient } from './cognito/client.js'
import { AwsCallError } from './cognito/errors.js'
import { applyFederation } from './cognito/federation.js'
import { observe } from './cognito/observe.js'
import { CommentPermissionError, commentMarker, pullRequestFrom, upsertComment, type PullRequestRef } from './comment.js'
import { parseInputs } from './config.js'
import { errorMessage, isUserError } from './errors.js'
import { renderSummary, type Check, type SummaryInput } from './markdown.js'
import { endpointsFor, outputValues, type OutputIds } from './outputs.js'
import { plan as makePlan } from './plan.js'
import { renderJson, renderText, stepTitle } from './render.js'
import { PlanError, type Action, type Desired, type DesiredProvider, type Plan, type Step } from './types.js'
import { verify } from './verify.js'
import { clientProviders } from './federation/plan.js'
import { verifyProviders } from './federation/verify.js'

const DONE: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  'replace-required': 'not changed',
  'no-op': 'unchanged',
}

/** Outputs that carry the pool or client ID, and so are masked with mask-outputs. */
const SECRET_OUTPUTS = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri']

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd()
    const desired = parseInputs((name) => core.getInput(name), env, (path) => readFileSync(join(workspace, path), 'utf8'))
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
  /** Real secrets (client and provider secrets) are masked whatever mask-outputs says. */
  const mustMask = (value: string | undefined): void => {
    if (!value || secrets.includes(value)) return
    core.setSecret(value)
    secrets.push(value)
  }
  for (const provider of desired.federatedProviders) {
    for (const key of provider.secretKeys) mustMask(provider.details[key])
  }
  /** The summary and the comment are not masked by the runner: secrets are replaced here. */
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text)
  secret(desired.userPoolId)
  const pr = pullRequestFrom(env.GITHUB_EVENT_NAME, readEvent(env.GITHUB_EVENT_PATH))
  const report = new Report(desired, env, pr, redact)
  const api = new CognitoApi(createCognitoClient({ region: desired.region }, env))

  core.info(`Reading user pool '${desired.poolName}', domain '${desired.domain}' and app client '${desired.clientName}' in ${desired.region}`)
  let observation
  try {
    observation = await observe(api, desired, secret, mustMask)
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

  let ids: OutputIds & { clientSecret?: string } = { userPoolId: observed.pool?.id, userPoolArn: observed.pool?.arn, clientId: observed.client?.id }
  const clientStepAction = plan.steps.find((s) => s.resource === 'client')?.action
  if (raw.client?.ClientSecret && clientStepAction !== 'replace') ids.clientSecret = raw.client.ClientSecret
  if (desired.mode === 'apply' && plan.changed) {
    const done: string[] = []
    const onDone = (step: Step): void => {
      done.push(`${stepTitle(step)} ${DONE[step.action]}`)
      core.info(`${stepTitle(step)}: ${DONE[step.action]}`)
    }
    try {
      ids = await apply(api, plan, raw, {
        found: secret,
        secret: mustMask,
        done: onDone,
        beforeClient: (poolId) => applyFederation(api, plan, desired, raw.federation ?? { providers: new Map() }, poolId, onDone),
      })
    } catch (error) {
      const rerun = error instanceof AwsCallError && !error.rerunHelps ? 'Fix the cause above first: running again unchanged stops at the same step.' : 'Running the action again continues from there.'
      const notice = `Apply stopped: ${redact(errorMessage(error))}\nDone before that: ${done.join('; ') || 'nothing'}.\n${rerun}`
      await report.summary({ plan, notice })
      throw error
    }
  } else if (desired.mode === 'apply') {
    core.info('Nothing to change: every resource already matches the inputs.')
  }

  const endpoints = endpointsFor(desired.region, { issuerBase: env.COGNITO_SSO_ISSUER_BASE_URL, hostedUiTemplate: env.COGNITO_SSO_HOSTED_UI_URL })
  const outputs = outputValues(endpoints, desired.domain, ids)
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (ids.clientSecret) {
    mustMask(ids.clientSecret)
    core.setOutput('client-secret', ids.clientSecret)
  }

  // SSO checks need all three resources; in plan mode only those that already exist are checked.
  const domainExists = desired.mode === 'apply' || observed.pool?.domain === desired.domain
  const checks = desired.verify ? await checkSso(desired, outputs, domainExists) : []

  await report.publish({ plan, outputs, checks })

  const failed = checks.filter((c) => !c.ok)
  if (failed.length) {
    core.setFailed(`verify: ${failed.length} SSO check${failed.length > 1 ? 's' : ''} failed:\n${failed.map((c) => `- ${c.name}: ${c.detail}`).join('\n')}`)
  } else if (desired.mode === 'plan' && desired.failOnChanges && plan.changed) {
    const changing = plan.steps.filter((s) => s.action !== 'no-op').map(stepTitle)
    core.setFailed(`fail-on-changes: AWS differs from the inputs (${changing.join(', ')}); run the action in apply mode to converge`)
  }
}

async function checkSso(desired: Desired, outputs: Record<string, string>, domainExists: boolean): Promise<Check[]> {
  const [issuer, hostedUiUrl, clientId] = [outputs.issuer, outputs['hosted-ui-url'], outputs['client-id']]
  if (!issuer || !hostedUiUrl || !clientId || !domainExists) {
    core.info('verify: skipped, the pool, domain and client do not all exist yet (plan mode)')
    return []
  }
  core.info('Checking SSO from the outside (issuer, signing keys, hosted UI)')
  const { callbackUrls, oauthFlows, oauthScopes } = desired
  const checks = await verify(
    { issuer, hostedUiUrl, clientId, callbackUrls, oauthFlows, oauthScopes },
    { timeoutMs: desired.verifyTimeoutSeconds * 1000, log: (m) => core.info(m) },
  )
  const listed = clientProviders(desired).filter((p) => p !== 'COGNITO')
  if (listed.length > 0 && callbackUrls[0] && oauthFlows.includes('code')) {
    const providers = listed.map((name) => ({ name, ...optional(desired.federatedProviders.find((p) => p.name === name)) }))
    checks.push(...(await verifyProviders({ hostedUiUrl, clientId, callbackUrl: callbackUrls[0], scopes: oauthScopes, providers })))
  }
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
    if (desired.mode === 'plan' && desired.comment && pr) {
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

function optional(declared: DesiredProvider | undefined): { declared?: DesiredProvider } {
  return declared ? { declared } : {}
}

function readEvent(path: string | undefined): unknown {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
