// The readers the OpenMetadata hand-off tests rely on, checked against the examples their consumers
// document: docker compose's env-file syntax (docs.docker.com, "Syntax for environment files in Docker
// Compose", and compose-go's dotenv tests), /bin/sh, and the runner's GITHUB_ENV file.
import { describe, expect, it } from 'vitest'
import { helmValuesFromSummary, readComposeEnvFile, readGithubEnv, readShellExports } from '../support/handoff-formats.js'

describe('docker compose env file', () => {
  const read = (line: string, env: Record<string, string> = { OTHER: 'other' }): string | undefined => readComposeEnvFile(line, env).VAR

  it.each([
    ['VAR=VAL', 'VAL'],
    ['VAR="VAL"', 'VAL'],
    ["VAR='VAL'", 'VAL'],
    ['VAR=VAL # comment', 'VAL'],
    ['VAR=VAL# not a comment', 'VAL# not a comment'],
    ['VAR="VAL # not a comment"', 'VAL # not a comment'],
    ['VAR="VAL" # comment', 'VAL'],
    ["VAR='$OTHER'", '$OTHER'],
    ["VAR='${OTHER}'", '${OTHER}'],
    ["VAR='Let\\'s go!'", "Let's go!"],
    ['VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'],
    ['VAR="some\\tvalue"', 'some\tvalue'],
    ["VAR='some\\tvalue'", 'some\\tvalue'],
    ['VAR=some\\tvalue', 'some\\tvalue'],
    ['VAR=$OTHER', 'other'],
    ['VAR=${OTHER}', 'other'],
    ['VAR=${UNSET:-default}', 'default'],
    ['VAR=${OTHER:+set}', 'set'],
    ['VAR=$$OTHER', '$OTHER'],
    ['VAR=a$1b', 'a$1b'],
    ['export VAR=exported', 'exported'],
    ['VAR=$UNSET', ''],
  ])('%s → %j (the documented reading)', (line, value) => {
    expect(read(line)).toBe(value)
  })

  it('refuses an unclosed ${, an unterminated quote and a required variable that is unset', () => {
    expect(() => read('VAR=${x')).toThrow(/invalid template/)
    expect(() => read('VAR="open')).toThrow(/unterminated/)
    expect(() => read('VAR=${UNSET:?needed}')).toThrow(/missing a value/)
  })

  it('interpolates the earlier lines of the file; the environment comes first', () => {
    expect(readComposeEnvFile('A=1\nB=${A}2\nOTHER=mine\nC=$OTHER', { OTHER: 'env' })).toEqual({ A: '1', B: '12', OTHER: 'mine', C: 'env' })
  })
})

describe('shell export lines', () => {
  it('reads what sh makes of each line: quotes removed, $NAME expanded, a bad substitution refused', () => {
    expect(readShellExports('A=plain\nB=["x","y"]\nC=$HOME/x\nD=[j$mith]', { HOME: '/home/runner' })).toEqual({
      A: 'plain',
      B: '[x,y]',
      C: '/home/runner/x',
      D: '[j]',
    })
    expect(() => readShellExports('A=${x/y', {})).toThrow(/^sh: /)
    expect(() => readShellExports('not an assignment', {})).toThrow(/not an assignment/)
  })
})

describe('GITHUB_ENV', () => {
  it('reads each value literally after the first =, and heredocs', () => {
    expect(readGithubEnv('A=$HOME\nB=x=y\nC<<EOF\none\ntwo\nEOF')).toEqual({ A: '$HOME', B: 'x=y', C: 'one\ntwo' })
  })
})

describe('Helm values in the summary', () => {
  it('finds the yaml block that starts with openmetadata:', () => {
    const summary = ['text', '```yaml', 'other: 1', '```', '', '````yaml', 'openmetadata:', '  config:', '    x: "y"', '````', ''].join('\n')
    expect(helmValuesFromSummary(summary)).toEqual({ openmetadata: { config: { x: 'y' } } })
    expect(helmValuesFromSummary('no block')).toBeUndefined()
  })
})
