// Repository files an input names (a SAML metadata-file): only from the workspace, only a regular file,
// only within the size AWS takes. The path rules are pure and take node:path's posix or win32 functions,
// so that Windows' rules are tested on any machine; reading is the one place that touches the disk.
//
// Order matters: the path is judged before anything is opened, the real path (symbolic links followed)
// must lie inside the workspace's real path, the file's type and size come from stat BEFORE it is opened
// (a FIFO would block an open, /dev/zero or a 3 GiB file would fill the memory), and the descriptor is
// opened without following a link and checked again (fstat: the same file, still regular, still small).
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs'
import path, { type PlatformPath } from 'node:path'
import { quote } from '../util/text.js'

/** A file an input names was refused; the message says why and what to do (without the input's name). */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FileRefused'
  }
}

export interface FileLimits {
  /** At most this many characters (UTF-16 code units, as AWS counts a string's length). */
  maxChars: number
  /** What sets the limit, for the message (e.g. "a ProviderDetails value"). */
  limitName: string
}

/** A character is at most 4 bytes in UTF-8: a file over this many bytes cannot be within `maxChars`. */
export const maxBytesFor = (maxChars: number): number => maxChars * 4

const KIND: [keyof Stats, string][] = [
  ['isFIFO', 'a FIFO (named pipe)'],
  ['isCharacterDevice', 'a character device'],
  ['isBlockDevice', 'a block device'],
  ['isSocket', 'a socket'],
  ['isDirectory', 'a directory'],
]

function kindOf(stats: Stats): string {
  for (const [test, name] of KIND) if ((stats[test] as () => boolean).call(stats)) return name
  return 'not a regular file'
}

/**
 * Where `file` (as written in the input) lies under `workspace`, by the path rules alone (nothing is read):
 * refused when absolute (a drive, a UNC path, a leading separator) or when any segment is `..`, splitting
 * on both `/` and `\` on every platform (Windows reads both; on Linux a `\` in a repository path is never
 * what one means). Returns the joined path.
 */
export function workspacePath(workspace: string, file: string, p: PlatformPath = path): string {
  if (file === '' || p.isAbsolute(file) || path.win32.isAbsolute(file) || /^[a-z]:/i.test(file)) {
    throw new FileRefused('must be a path inside the repository, relative to its root (no drive, no leading / or \\)')
  }
  if (file.split(/[\\/]/).includes('..')) throw new FileRefused("must be a path inside the repository (relative, without '..')")
  return p.resolve(workspace, file)
}

/** Whether `target` is `root` or lies below it (both real, absolute paths of the same platform). */
export function isInside(root: string, target: string, p: PlatformPath = path): boolean {
  const rel = p.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel) && rel.split(/[\\/]/)[0] !== '..')
}

/**
 * The text of `file` in `workspace` (GITHUB_WORKSPACE): its real path inside the workspace's real path, a
 * regular file, at most `limits.maxChars` characters; anything else throws FileRefused, before reading
 * when the path, the type or the size says so. A missing file throws FileRefused too.
 */
export function readWorkspaceFile(workspace: string, file: string, limits: FileLimits): string {
  const joined = workspacePath(workspace, file)
  let realWorkspace: string
  let real: string
  try {
    realWorkspace = realpathSync(workspace)
  } catch {
    throw new FileRefused(`cannot be read: the workspace ${quote(workspace)} does not exist; run actions/checkout before this step`)
  }
  try {
    real = realpathSync(joined)
  } catch {
    throw new FileRefused(
      'cannot be read: there is no such file in the repository; check the path (relative to the repository root) and that actions/checkout ran',
    )
  }
  if (!isInside(realWorkspace, real)) {
    throw new FileRefused('resolves outside the workspace (a symbolic link out of the repository?); give a file inside the repository')
  }
  const stats = statSync(real)
  if (!stats.isFile()) throw new FileRefused(`is ${kindOf(stats)}, not a regular file; give the metadata XML file itself`)
  const maxBytes = maxBytesFor(limits.maxChars)
  const tooBig = (size: string): FileRefused =>
    new FileRefused(
      `is ${size}; Cognito takes at most ${limits.maxChars.toLocaleString('en-US')} characters (${limits.limitName}); trim it, or use metadata-url`,
    )
  if (stats.size > maxBytes) throw tooBig(`${stats.size.toLocaleString('en-US')} bytes`)
  // No link followed (the real path has none), no wait on a FIFO swapped in since the stat (O_NONBLOCK).
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
  const fd = openSync(real, flags)
  try {
    const opened = fstatSync(fd)
    if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) {
      throw new FileRefused('changed while it was being read; run the action again')
    }
    // Read at most one byte past the limit, whatever the file has grown to since the stat.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > maxBytes) throw tooBig(`over ${maxBytes.toLocaleString('en-US')} bytes`)
    const text = buffer.subarray(0, length).toString('utf8')
    if (text.length > limits.maxChars) throw tooBig(`${text.length.toLocaleString('en-US')} characters`)
    return text
  } finally {
    closeSync(fd)
  }
}
