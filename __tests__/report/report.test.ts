// The report's pull-request comment (src/report/report.ts): always within GitHub's 65,536 characters,
// with the marker; long plans summarised first, cut with a note only when even the counts do not fit.
import { describe, expect, it } from 'vitest'
import { COMMENT_MAX, type UpsertOptions } from '../../src/report/comment.js'
import { Report } from '../../src/report/report.js'
import type { Plan } from '../../src/model/types.js'
import { desired } from '../support/state.js'

async function commentOf(plan: Plan): Promise<UpsertOptions> {
  const posted: UpsertOptions[] = []
  const report = new Report(
    desired({ mode: 'plan', comment: true }),
    { githubToken: 't', apiUrl: 'https://api.github.com', debug: false },
    { owner: 'acme', repo: 'web', number: 1, fork: false },
    (t) => t,
    {
      info: () => {},
      warning: (m) => {
        throw new Error(m)
      },
      debug: () => {},
      summary: async () => {},
      postComment: (o) => (posted.push(o), Promise.resolve('created' as const)),
    },
  )
  await report.publish({ plan })
  expect(posted).toHaveLength(1)
  return posted[0] as UpsertOptions
}

const length = (o: UpsertOptions): number => [...`${o.marker}\n${o.body}`].length

describe('the plan comment', () => {
  it('300 providers: summarised, under the limit, with the count', async () => {
    const steps: Plan['steps'] = Array.from({ length: 300 }, (_, i) => ({
      resource: 'provider',
      name: `idp-${i}`,
      action: 'create',
      changes: Array.from({ length: 6 }, (_, j) => ({ field: `ProviderDetails.k${j}`, before: undefined, after: 'v'.repeat(200) })),
    }))
    const o = await commentOf({ changed: true, problems: [], steps })
    expect(length(o)).toBeLessThanOrEqual(COMMENT_MAX)
    expect(o.body).toMatch(/300 identity providers in all/)
  })

  it('a plan whose counts alone do not fit (thousands of problems): cut at a line, with a note', async () => {
    const problems = Array.from({ length: 3000 }, (_, i) => `federated-providers: item ${i + 1} ('x'): ${'a long problem '.repeat(3)}`)
    const o = await commentOf({ changed: false, problems, steps: [] })
    expect(length(o)).toBeLessThanOrEqual(COMMENT_MAX)
    expect(o.body).toMatch(/The plan is longer than a pull-request comment can hold: the job summary and the `plan` output have all of it/)
  })
})
