// What the run reads from the runner besides the inputs: the event, the summary file, the endpoints. Pure.
import type { InputGetter } from './types.js'

export interface Runtime {
  eventName?: string
  eventPath?: string
  stepSummary?: string
  githubToken: string
  apiUrl: string
  /** COGNITO_SSO_ISSUER_BASE_URL / COGNITO_SSO_HOSTED_UI_URL: endpoints elsewhere (a local Cognito). */
  issuerBase?: string
  hostedUiTemplate?: string
  /** ACTIONS_STEP_DEBUG / RUNNER_DEBUG: debug lines are shown. */
  debug: boolean
}

/** The runtime context from the input getter and the environment. */
export function parseRuntime(getInput: InputGetter, env: Record<string, string | undefined>): Runtime {
  const set = (value: string | undefined): string | undefined => (value ? value : undefined)
  return {
    eventName: set(env.GITHUB_EVENT_NAME),
    eventPath: set(env.GITHUB_EVENT_PATH),
    stepSummary: set(env.GITHUB_STEP_SUMMARY),
    githubToken: getInput('github-token').trim(),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    issuerBase: set(env.COGNITO_SSO_ISSUER_BASE_URL),
    hostedUiTemplate: set(env.COGNITO_SSO_HOSTED_UI_URL),
    debug: env.ACTIONS_STEP_DEBUG === 'true' || env.RUNNER_DEBUG === '1',
  }
}
