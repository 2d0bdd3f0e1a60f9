// Quoting values in messages. Pure.
import { showInvisible } from './log-safety.js'

/** A value quoted in a message: `'value'`, with line breaks and invisible characters shown as escapes. */
export const quote = (value: string): string => `'${showInvisible(value)}'`

/** Characters as U+XXXX codes, e.g. for invisible ones. */
export const codes = (chars: string[]): string => chars.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ')
