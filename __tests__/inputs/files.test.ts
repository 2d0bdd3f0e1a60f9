// Files only from the workspace (src/inputs/files.ts): the path rules for POSIX and Windows (node:path's
// posix and win32 functions, so Windows is tested here), and the reader against real files: links out of
// the workspace, FIFOs, devices, sizes over the limit judged before reading.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileRefused, isInside, maxBytesFor, readWorkspaceFile, workspacePath } from '../../src/inputs/files.js'

describe('workspacePath (pure)', () => {
  it.each([
    ['posix', path.posix, '/ws', 'idp/metadata.xml', '/ws/idp/metadata.xml'],
    ['win32', path.win32, 'C:\\ws', 'idp\\metadata.xml', 'C:\\ws\\idp\\metadata.xml'],
    ['win32', path.win32, 'C:\\ws', 'idp/metadata.xml', 'C:\\ws\\idp\\metadata.xml'],
  ] as const)('%s: %s + %s → %s', (_os, p, ws, file, joined) => {
    expect(workspacePath(ws, file, p)).toBe(joined)
  })

  it.each([
    ['..\\..\\x', path.win32],
    ['..\\..\\x', path.posix], // a backslash is no separator on Linux, but no repository path means this
    ['a/../../x', path.posix],
    ['a\\..\\..\\x', path.win32],
    ['a/..\\..\\x', path.win32],
    ['/etc/passwd', path.posix],
    ['C:\\Windows\\win.ini', path.win32],
    ['C:relative', path.win32],
    ['\\\\server\\share\\x', path.win32],
    ['\\x', path.win32],
    ['', path.posix],
  ])('refuses %j (%#)', (file, p) => {
    expect(() => workspacePath(p === path.win32 ? 'C:\\ws' : '/ws', file, p)).toThrow(FileRefused)
  })

  it('isInside: the root and below, not beside (a shared prefix is no parent)', () => {
    expect(isInside('/ws', '/ws', path.posix)).toBe(true)
    expect(isInside('/ws', '/ws/a/b', path.posix)).toBe(true)
    expect(isInside('/ws', '/ws2/a', path.posix)).toBe(false)
    expect(isInside('/ws', '/a', path.posix)).toBe(false)
    expect(isInside('C:\\ws', 'C:\\ws\\a', path.win32)).toBe(true)
    expect(isInside('C:\\ws', 'c:\\WS\\a', path.win32)).toBe(true)
    expect(isInside('C:\\ws', 'D:\\ws\\a', path.win32)).toBe(false)
    expect(isInside('C:\\ws', 'C:\\ws-other\\a', path.win32)).toBe(false)
  })
})

describe('readWorkspaceFile', () => {
  let base: string
  let ws: string
  const limits = { maxChars: 100, limitName: 'a test value' }
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'files-test-'))
    ws = path.join(base, 'ws')
    mkdirSync(ws)
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  const refusal = (file: string): string => {
    try {
      readWorkspaceFile(ws, file, limits)
    } catch (error) {
      expect(error).toBeInstanceOf(FileRefused)
      return (error as Error).message
    }
    throw new Error('not refused')
  }

  it('reads a file of the workspace, through a link that stays inside', () => {
    mkdirSync(path.join(ws, 'd'))
    writeFileSync(path.join(ws, 'd', 'm.xml'), '<EntityDescriptor/>')
    symlinkSync(path.join(ws, 'd', 'm.xml'), path.join(ws, 'link.xml'))
    expect(readWorkspaceFile(ws, 'd/m.xml', limits)).toBe('<EntityDescriptor/>')
    expect(readWorkspaceFile(ws, 'link.xml', limits)).toBe('<EntityDescriptor/>')
  })

  it('a link out of the workspace, a missing file, a directory', () => {
    writeFileSync(path.join(base, 'outside.xml'), 'OUTSIDE')
    symlinkSync(path.join(base, 'outside.xml'), path.join(ws, 'out.xml'))
    expect(refusal('out.xml')).toMatch(/resolves outside the workspace/)
    expect(refusal('none.xml')).toMatch(/no such file/)
    mkdirSync(path.join(ws, 'dir'))
    expect(refusal('dir')).toMatch(/is a directory, not a regular file/)
  })

  it('a FIFO and a device are refused without being opened', () => {
    execFileSync('mkfifo', [path.join(ws, 'pipe')])
    expect(refusal('pipe')).toMatch(/a FIFO \(named pipe\), not a regular file/)
    symlinkSync('/dev/zero', path.join(ws, 'zero'))
    // /dev/zero's real path is outside the workspace: refused before its type is even looked at.
    expect(refusal('zero')).toMatch(/outside the workspace/)
  })

  it('size: over 4 bytes a character is refused by stat, before reading; over the characters after reading', () => {
    writeFileSync(path.join(ws, 'bytes.xml'), 'x'.repeat(maxBytesFor(100) + 1))
    expect(refusal('bytes.xml')).toMatch(/is 401 bytes; Cognito takes at most 100 characters \(a test value\)/)
    writeFileSync(path.join(ws, 'chars.xml'), 'x'.repeat(101))
    expect(refusal('chars.xml')).toMatch(/is 101 characters; Cognito takes at most 100/)
    writeFileSync(path.join(ws, 'wide.xml'), '€'.repeat(100)) // 300 bytes, 100 characters
    expect(readWorkspaceFile(ws, 'wide.xml', limits)).toHaveLength(100)
  })
})
