// Quoting values in messages. Pure.
import { showInvisible } from './log-safety.js'

/** A value quoted in a message: `'value'`, with line breaks and invisible characters shown as escapes. */
export const quote = (value: string): string => `'${showInvisible(value)}'`

/** Characters as U+XXXX codes, e.g. for invisible ones. */
export const codes = (chars: string[]): string => chars.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ')

/** Names of the invisible, bidirectional and line-breaking characters people paste by accident (Unicode's names). */
const CHAR_NAMES: Record<number, string> = {
  0x0085: 'NEXT LINE',
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
}

/** Characters as U+XXXX codes with Unicode's name where it is one people paste by accident: 'U+200B (ZERO WIDTH SPACE)'. */
export const namedCodes = (chars: string[]): string =>
  chars
    .map((c) => {
      const name = CHAR_NAMES[c.codePointAt(0) ?? 0]
      return name ? `${codes([c])} (${name})` : codes([c])
    })
    .join(', ')
