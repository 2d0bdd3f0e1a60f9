// The one place that makes untrusted text (values from inputs, from AWS, from verify's endpoints)
// safe for the log. Pure.
//
// Why escaping and not `::stop-commands::<token>`: the runner honours the old `##[command]` form
// anywhere in a line and `::command::` at the start of one, and splits lines at CR and LF. A value is
// made inert where it is printed, so every log line keeps its meaning, our own `::add-mask::`,
// `::warning::` and `::error::` keep working between values, and a value that holds the stop token (or a
// masked secret split across lines) cannot end a section early. stop-commands would also switch off the
// masks and annotations we issue inside the section, and a forgotten resume token would mute the rest of
// the job. Escaping is also testable as a pure function.

/**
 * Characters shown as escapes: every line break (CR, LF, NEL U+0085, VT, FF, U+2028, U+2029), every
 * other control character, and format / invisible characters (zero-width spaces, BOM, bidi controls),
 * which can hide or reorder text in a log line.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\f': '\\f' }

function escapeChar(ch: string): string {
  return NAMED[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
}

/** Line breaks, control and invisible characters as visible escapes; the rest unchanged. */
export function showInvisible(value: string): string {
  return value.replace(UNSAFE, escapeChar)
}

/**
 * A value from an input or from AWS as one inert piece of a log line: line breaks and invisible
 * characters become visible escapes (`\n`, `\u2028`), and the workflow-command forms `::` and `##[`
 * are broken (`:\u003a`, `#\u0023[`) wherever they appear, so the runner never reads a command in it.
 */
export function logSafe(value: string): string {
  return showInvisible(value).replace(/::/g, ':\\u003a').replace(/##\[/g, '#\\u0023[')
}

/**
 * Text the action composed (a message that may quote values, an error from AWS or GitHub) for the log:
 * its own LF line breaks are kept, and each line goes through logSafe, so no line can start or hold a
 * workflow command.
 */
export function logText(text: string): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => logSafe(line))
    .join('\n')
}
