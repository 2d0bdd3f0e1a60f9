import { describe, expect, it } from 'vitest'
import { callLine } from '../../src/aws/client.js'
import { debugFetch, planDebugLines, probeUrl } from '../../src/report/debug.js'
import { type Plan } from '../../src/model/types.js'

describe('debug lines', () => {
  it('a plan step: action and the names of the fields that differ, never their values', () => {
    const plan: Plan = {
      changed: true,
      problems: [],
      steps: [
        { resource: 'pool', name: 'p', action: 'no-op', changes: [] },
        {
          resource: 'client',
          name: 'app\n::error::x',
          action: 'update',
          changes: [
            { field: 'CallbackURLs', before: ['https://old'], after: ['https://s3cret'] },
            { field: 'ClientSecret', before: 'a', after: 'b' },
          ],
        },
      ],
    }
    const lines = planDebugLines(plan)
    expect(lines[0]).toBe("plan: user pool 'p': no-op")
    expect(lines[1]).toMatch(/: update \(differs: CallbackURLs, ClientSecret\)$/)
    expect(lines.join('\n')).not.toContain('s3cret')
    expect(lines[1]).not.toContain('\n')
    expect(lines[1]).not.toContain('::error')
  })

  it('a probe URL: no query, IDs replaced by their label', () => {
    expect(probeUrl('https://idp.example/us-east-1_AbC/.well-known/jwks.json', { 'user-pool-id': 'us-east-1_AbC' })).toBe(
      'https://idp.example/<user-pool-id>/.well-known/jwks.json',
    )
    expect(probeUrl('https://h.example/oauth2/authorize?client_id=abc123&state=x', { 'client-id': 'abc123' })).toBe('https://h.example/oauth2/authorize?…')
    expect(probeUrl('https://user:pw@h.example/x', {})).toBe('https://h.example/x')
  })

  it('debugFetch reports method, safe URL, status and duration from the injected clock', async () => {
    const lines: string[] = []
    let t = 1000
    const inner = ((): Promise<Response> => {
      t += 42
      return Promise.resolve(new Response('{}', { status: 404 }))
    }) as typeof fetch
    const f = debugFetch(
      inner,
      (l) => lines.push(l),
      { 'user-pool-id': 'pool_1' },
      () => t,
    )
    expect((await f('https://x.example/pool_1/a?b=c')).status).toBe(404)
    expect(lines).toEqual(['verify: GET https://x.example/<user-pool-id>/a?… → 404 in 42 ms'])
    const failing = debugFetch(
      () => Promise.reject(new TypeError('fetch failed')),
      (l) => lines.push(l),
      {},
      () => t,
    )
    await expect(failing('https://x.example/', { method: 'POST' })).rejects.toThrow('fetch failed')
    expect(lines[1]).toBe('verify: POST https://x.example/ → TypeError in 0 ms')
  })

  it('an AWS call: operation, outcome, duration, attempts and retry delay', () => {
    expect(callLine('DescribeUserPoolCommand', 'ok', 12.4, { attempts: 1, totalRetryDelay: 0 })).toBe(
      'aws: DescribeUserPool ok in 12 ms, 1 attempt (0 retries, 0 ms retry delay)',
    )
    expect(callLine('ListUserPoolsCommand', 'failed (TooManyRequestsException)', 900, { attempts: 3, totalRetryDelay: 850 })).toBe(
      'aws: ListUserPools failed (TooManyRequestsException) in 900 ms, 3 attempts (2 retries, 850 ms retry delay)',
    )
  })
})
