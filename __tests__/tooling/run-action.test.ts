// The runner harness's secret masker (tools/run-action.js), as the runner masks: each registered value,
// and each line of a multi-line one (actions/runner#1521).
import { describe, expect, it } from 'vitest'
import { jobOutputs, maskLine, maskerValues } from '../../tools/run-action.js'

describe('the harness masks as the runner does', () => {
  const key = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMG\n  c2Vjb25k  \n\n-----END PRIVATE KEY-----'

  it('holds each mask and each trimmed, non-empty line of a multi-line one, longest first', () => {
    expect(maskerValues([key, 'abc'])).toEqual([key, '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', 'MIGTAgEAMBMG', 'c2Vjb25k', 'abc'])
  })

  it('masks a single line of a multi-line secret in a log line', () => {
    expect(maskLine("Invalid private_key near 'MIGTAgEAMBMG'.", [key])).toBe("Invalid private_key near '***'.")
  })

  it('skips a job output that holds one line of a multi-line secret', () => {
    expect(jobOutputs({ a: 'x c2Vjb25k y', b: 'clean' }, [key])).toEqual({ b: 'clean' })
  })
})
