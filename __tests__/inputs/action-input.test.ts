// The inputs main.ts reads before @actions/core is loaded are exactly what core.getInput gives: the real
// @actions/core (not mocked) and actionInput read the same environment, name by name.
import * as core from '@actions/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { actionInput } from '../../src/inputs/action-input.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

const NAMES = [
  'pool-name',
  'user-pool-id',
  'federated-providers',
  'a name with spaces',
  '  leading and trailing  ',
  'MiXeD-Case_name',
  'straße', // toUpperCase turns ß into SS
  'ǆ-digraph', // a title-case digraph
  'ı-dotless', // upper-cases to I
  'tab\tin-name',
  '',
  'name.with.dots',
  'ünïcödé',
]

const VALUES = [
  '',
  'plain',
  '  padded  ',
  '\n- name: Okta\n  type: oidc\n    indented: kept\n\n',
  '\t\ttabs\t',
  '\u00a0non-breaking\u00a0',
  '\ufeffbom',
  '\u2028line separator\u2029',
  '\u200bzero width\u200b', // not whitespace to trim
  'value with\r\nCRLF\r\n',
  '   ',
  '0',
  'false',
  '${{ github.token }}',
  '%0A::error::x', // a workflow command in a value: read as is
]

describe('actionInput reads INPUT_* exactly as @actions/core getInput does', () => {
  it.each(NAMES)('name %j with every tricky value', (name) => {
    for (const value of VALUES) {
      vi.stubEnv(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value)
      expect(actionInput(process.env)(name), JSON.stringify(value)).toBe(core.getInput(name))
    }
  })

  it('an unset input is empty for both, and a variable of another case is not read by either', () => {
    vi.stubEnv('input_pool-name', 'lower-case prefix')
    vi.stubEnv('INPUT_pool-name', 'name not upper-cased')
    for (const name of ['pool-name', 'never-set-anywhere']) expect(actionInput(process.env)(name)).toBe(core.getInput(name))
    expect(actionInput(process.env)('never-set-anywhere')).toBe('')
  })

  it('the environment given is the one read (main gives process.env, as core reads)', () => {
    expect(actionInput({ 'INPUT_POOL-NAME': ' x ' })('pool-name')).toBe('x')
  })
})
