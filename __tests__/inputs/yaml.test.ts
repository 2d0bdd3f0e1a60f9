// YAML inputs (src/inputs/yaml.ts): the failsafe schema keeps every scalar as the text written; tags,
// errors and broken aliases are refused with their position, never the value.
import { describe, expect, it } from 'vitest'
import { given, yamlBoolean, yamlInteger, yamlOf } from '../../src/inputs/yaml.js'

const read = (raw: string): { value: unknown; problems: string[] } => {
  const problems: string[] = []
  return { value: yamlOf('federated-providers', raw, problems), problems }
}

describe('yamlOf (failsafe)', () => {
  it('every scalar is the exact text: numbers, hex, exponents, 17 digits, booleans and null words stay text', () => {
    const { value, problems } = read(
      [
        '- client-id: 0123',
        '  key-id: 1234E56789',
        '  secret: 0x1F',
        '  big: 12345678901234567',
        '  flag: true',
        '  none: ~',
        '  empty:',
        '  list: [a, 1]',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(value).toEqual([
      { 'client-id': '0123', 'key-id': '1234E56789', secret: '0x1F', big: '12345678901234567', flag: 'true', none: '~', empty: '', list: ['a', '1'] },
    ])
  })

  it.each([
    ['- client-secret: !vault vault-Value-9f2', /the YAML tag '!vault' on the value at line 1, column 25 is not supported/],
    ['- a: !!binary aGk=', /the YAML tag '!!binary'/],
    ['- a: !!int 5', /the YAML tag '!!int'/],
  ])('refuses the tag of %j, naming its position, never the value', (raw, rule) => {
    const { value, problems } = read(raw)
    expect(value).toBeUndefined()
    expect(problems.join('\n')).toMatch(rule)
    expect(problems.join('\n')).not.toMatch(/vault-Value|aGk=/)
  })

  it('the failsafe tags are the text itself', () => {
    expect(read('- a: !!str 0123').value).toEqual([{ a: '0123' }])
  })

  it('an error and a duplicate key: position and code, never the text', () => {
    expect(read('- a: [s3cret').problems[0]).toMatch(/^federated-providers: is not valid YAML at line 1, column \d+ \(\w+\)/)
    expect(read('- a: 1\n  a: 2').problems).toEqual([
      "federated-providers: is not valid YAML at line 2, column 3 (DUPLICATE_KEY); give a YAML list, e.g. '- name: Okta' on its first line",
    ])
    expect(read('- a: [s3cret').problems.join('')).not.toContain('s3cret')
  })

  it('an alias used as a key is refused (it repeats the key it names, which uniqueKeys does not see)', () => {
    expect(read('- &k client-secret: a\n  *k : b').problems).toEqual([
      "federated-providers: an alias '*...' used as a key at line 2, column 3 is not supported (it can repeat a key); write the key out",
    ])
    // An alias as a value stays allowed.
    expect(read('- a: &v x\n  b: *v')).toEqual({ value: [{ a: 'x', b: 'x' }], problems: [] })
  })

  it('an alias to no anchor, and a billion laughs, are refused', () => {
    expect(read('- a: *nope').problems[0]).toMatch(/alias/)
    const laughs = [
      '- a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => `  ${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n')
    expect(read(laughs).problems[0]).toMatch(/alias/)
  })
})

describe('values read from the text', () => {
  it('given: empty, ~ and null (any case the core schema knows) are no value', () => {
    for (const v of [undefined, null, '', ' ', '~', 'null', 'Null', 'NULL']) expect(given(v)).toBeUndefined()
    for (const v of ['0', 'nul', 'x', ['a']]) expect(given(v)).toEqual(v)
  })

  it('yamlBoolean and yamlInteger', () => {
    expect(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', '1'].map(yamlBoolean)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      undefined,
      undefined,
    ])
    expect(['10', '0', ' 7 ', '-1', '1e3', '0x10', '1.5'].map(yamlInteger)).toEqual([10, 0, 7, undefined, undefined, undefined, undefined])
  })
})
