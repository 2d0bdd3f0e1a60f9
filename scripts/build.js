// @ts-check
// `npm run build`: dist/ from src/ with ncc (ESM, minified), plus what ncc does not do for a build whose
// lazy imports are chunks of their own (@actions/core, @actions/github, undici, yaml, verify):
// - minify the chunks, as ncc minifies index.js (same terser options); ncc leaves them as they are;
// - write ONE dist/licenses.txt for every package bundled in any chunk, in ncc's format (its license
//   plugin writes one file per chunk under the same name, each over the last, so the file listed only the
//   packages of one chunk). __tests__/tooling/build.test.ts checks both on dist/.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist')
const NCC = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')

/**
 * Every source file webpack bundled, from ncc's --stats-out (modules concatenated into one are listed inside it).
 * @param {any} stats @returns {string[]} absolute paths
 */
export function bundledFiles(stats) {
  /** @type {string[]} */
  const files = []
  /** @param {any[]} modules */
  const walk = (modules) => {
    for (const m of modules ?? []) {
      if (Array.isArray(m.modules)) walk(m.modules)
      const name = String(m.name ?? '')
      if (!name.startsWith('./') || / \+ \d+ modules?$/.test(name)) continue
      files.push(join(ROOT, name.replace(/\?.*$/, '')))
    }
  }
  walk(stats.modules)
  return [...new Set(files)]
}

/** @param {string} dir */
const packageJsonIn = (dir) => {
  const path = join(dir, 'package.json')
  if (!existsSync(path)) return undefined
  const json = JSON.parse(readFileSync(path, 'utf8'))
  return json.name ? json : undefined
}

/**
 * The packages of these files, as ncc's license plugin (license-webpack-plugin) finds them: the nearest
 * directory above each file with a package.json that has a name, the project's own excepted.
 * @param {string[]} files @returns {Map<string, { dir: string, json: any }>} by package name
 */
export function packagesOf(files) {
  /** @type {Map<string, { dir: string, json: any }>} */
  const packages = new Map()
  for (const file of files) {
    let dir = dirname(file)
    let json = packageJsonIn(dir)
    while (!json && dirname(dir) !== dir) {
      dir = dirname(dir)
      json = packageJsonIn(dir)
    }
    if (!json || dir === ROOT || packages.has(json.name)) continue
    packages.set(json.name, { dir, json })
  }
  return packages
}

/**
 * licenses.txt as ncc's license plugin renders it: by name, each "name\nlicense id\nlicense text", the
 * text from "SEE LICENSE IN <file>" or the first file named licen[cs]e* in the package's directory.
 * @param {Map<string, { dir: string, json: any }>} packages
 */
export function renderLicenses(packages) {
  const entries = [...packages].map(([name, { dir, json }]) => {
    const id = typeof json.license === 'string' ? json.license : (json.license?.type ?? json.licenses?.[0]?.type)
    let file
    if (typeof id === 'string' && id.startsWith('SEE LICENSE IN ')) file = id.split(' ')[3]
    else file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f) && !statSync(join(dir, f)).isDirectory())
    const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n') : undefined
    return { name, id, text }
  })
  entries.sort((a, b) => (a.name < b.name ? -1 : 1))
  return `${entries.reduce((all, e) => `${all}${e.name}${e.id ? `\n${e.id}` : ''}${e.text ? `\n${e.text}` : ''}\n\n`, '').trim()}\n`
}

async function build() {
  const work = mkdtempSync(join(tmpdir(), 'build-'))
  try {
    rmSync(DIST, { recursive: true, force: true })
    const stats = join(work, 'stats.json')
    execFileSync(process.execPath, [NCC, 'build', 'src/index.ts', '-o', 'dist', '--minify', '--no-source-map-register', '--stats-out', stats], {
      cwd: ROOT,
      stdio: 'inherit',
    })
    for (const chunk of readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== 'index.js')) {
      const path = join(DIST, chunk)
      // ncc's own options for index.js (compress off, names of classes and functions kept).
      const out = await minify(readFileSync(path, 'utf8'), { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true } })
      if (out.code === undefined) throw new Error(`terser gave nothing for ${chunk}`)
      writeFileSync(path, out.code)
    }
    writeFileSync(join(DIST, 'licenses.txt'), renderLicenses(packagesOf(bundledFiles(JSON.parse(readFileSync(stats, 'utf8'))))))
    for (const f of readdirSync(DIST)) console.log(`${String(Math.round(statSync(join(DIST, f)).size / 1024)).padStart(5)} KiB  dist/${f}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build()
