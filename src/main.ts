// The only file that imports @actions/core: inputs → observe → plan → apply → outputs.
import * as core from '@actions/core'
import { CognitoApi } from './cognito/api.js'
import { apply, type Applied } from './cognito/apply.js'
import { createCognitoClient } from './cognito/client.js'
import { observe } from './cognito/observe.js'
import { parseInputs } from './config.js'
import { errorMessage, isUserError } from './errors.js'
import { endpointsFor, outputValues, type OutputIds } from './outputs.js'
import { plan as makePlan } from './plan.js'
import { renderJson, renderText, stepTitle } from './render.js'
import { PlanError, type Action, type Observed } from './types.js'

const DONE: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  'replace-required': 'not changed',
  'no-op': 'unchanged',
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const desired = parseInputs((name) => core.getInput(name), env)
    const api = new CognitoApi(createCognitoClient({ region: desired.region }, env))
    const secret = (value: string | undefined): void => {
      if (desired.maskOutputs && value) core.setSecret(value)
    }
    secret(desired.userPoolId)

    core.info(`Reading user pool '${desired.poolName}', domain '${desired.domain}' and app client '${desired.clientName}' in ${desired.region}`)
    const { observed, raw } = await observe(api, desired)
    maskObserved(observed, secret)

    const plan = makePlan(desired, observed)
    core.info(`Plan (${desired.mode} mode):\n${renderText(plan)}`)
    if (plan.problems.length > 0) throw new PlanError(plan.problems)

    let ids: OutputIds = { userPoolId: observed.pool?.id, userPoolArn: observed.pool?.arn, clientId: observed.client?.id }
    if (desired.mode === 'apply' && plan.changed) {
      const applied: Applied = await apply(api, plan, raw, (step) => {
        core.info(`${stepTitle(step)}: ${DONE[step.action]}`)
      })
      secret(applied.userPoolId)
      secret(applied.userPoolArn)
      secret(applied.clientId)
      ids = applied
    } else if (desired.mode === 'apply') {
      core.info('Nothing to change: every resource already matches the inputs.')
    }

    const endpoints = endpointsFor(desired.region, { issuerBase: env.COGNITO_SSO_ISSUER_BASE_URL, hostedUiTemplate: env.COGNITO_SSO_HOSTED_UI_URL })
    for (const [name, value] of Object.entries(outputValues(endpoints, desired.domain, ids))) core.setOutput(name, value)
    core.setOutput('changed', String(plan.changed))
    core.setOutput('plan', renderJson(plan))

    if (desired.mode === 'plan' && desired.failOnChanges && plan.changed) {
      core.setFailed(`fail-on-changes: AWS differs from the inputs (${plan.steps.filter((s) => s.action !== 'no-op').map(stepTitle).join(', ')}); run the action in apply mode to converge`)
    }
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}

function maskObserved(observed: Observed, secret: (value: string | undefined) => void): void {
  secret(observed.pool?.id)
  secret(observed.pool?.arn)
  secret(observed.client?.id)
}
