// GitHub-flavoured markdown, parsed as GitHub parses it (micromark + its GFM extension), and the checks
// every rendered summary and comment must pass: no link, image, definition, foreign HTML, emphasis from a
// value, broken table, or any piece of a value (marked with ZQ) outside code.
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

/** Our own HTML: nothing else may appear as an html node. */
const OWN_HTML = /^(<details( open)?><summary>(user pool|domain|app client): [a-z -]+<\/summary>|<\/details>|<br>)$/

export function parse(md: string): Root {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

export function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node)
  if ('children' in node) for (const c of node.children) walk(c, visit)
}

/** The problems of a rendered summary (or comment), for values that hold `marker` (ZQ). */
export function markdownProblems(md: string, marker = 'ZQ'): string[] {
  const problems: string[] = []
  walk(parse(md), (n) => {
    if (n.type === 'link' || n.type === 'linkReference' || n.type === 'image' || n.type === 'imageReference' || n.type === 'definition')
      problems.push(`${n.type}`)
    if (n.type === 'html' && !OWN_HTML.test(n.value)) problems.push(`html ${JSON.stringify(n.value)}`)
    if (n.type === 'text' && n.value.includes(marker)) problems.push(`value outside code: ${JSON.stringify(n.value)}`)
    if ((n.type === 'emphasis' || n.type === 'strong' || n.type === 'delete') && JSON.stringify(n).includes(marker)) problems.push(`${n.type} from a value`)
    if (n.type === 'heading' && n.depth !== 2 && n.depth !== 3) problems.push(`heading ${n.depth}`)
    if (n.type === 'table') {
      const width = n.align?.length ?? 0
      for (const row of n.children) if (row.children.length !== width) problems.push(`table row of ${row.children.length} cells, header has ${width}`)
    }
    if ((n.type === 'inlineCode' || n.type === 'code') && /[\r\n\u2028\u2029\u0085\v\f]/.test(n.type === 'inlineCode' ? n.value : ''))
      problems.push('line break in a code span')
  })
  // GitHub links @mentions, #refs and bare URLs in text; ZQ outside code is caught above. Count what ours hold.
  return problems
}
