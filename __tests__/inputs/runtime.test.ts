import { describe, expect, it } from 'vitest'
import { parseRuntime } from '../../src/inputs/runtime.js'

describe('parseRuntime', () => {
  it('reads the event, summary, token and endpoint overrides from the getter and env only', () => {
    const inputs: Record<string, string> = { 'github-token': ' t0k ' }
    const rt = parseRuntime((n) => inputs[n] ?? '', {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: '/e.json',
      GITHUB_STEP_SUMMARY: '/s.md',
      COGNITO_SSO_ISSUER_BASE_URL: 'http://127.0.0.1:1',
      COGNITO_SSO_HOSTED_UI_URL: 'http://127.0.0.1:1/{domain}',
      ACTIONS_STEP_DEBUG: 'true',
    })
    expect(rt).toEqual({
      eventName: 'pull_request',
      eventPath: '/e.json',
      stepSummary: '/s.md',
      githubToken: 't0k',
      apiUrl: 'https://api.github.com',
      issuerBase: 'http://127.0.0.1:1',
      hostedUiTemplate: 'http://127.0.0.1:1/{domain}',
      debug: true,
    })
  })

  it('leaves empty values out and takes GITHUB_API_URL when set', () => {
    const rt = parseRuntime(() => '', { GITHUB_API_URL: 'https://ghe.example/api/v3', GITHUB_STEP_SUMMARY: '' })
    expect(rt.apiUrl).toBe('https://ghe.example/api/v3')
    expect(rt.stepSummary).toBeUndefined()
    expect(rt.githubToken).toBe('')
    expect(rt.debug).toBe(false)
  })
})
