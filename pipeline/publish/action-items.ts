/**
 * Action items, found by structure rather than by wording (which changes
 * with every language): in a document of `kind: action-items`, every item of
 * a top-level list is an action item or next step, filed under the headings
 * above it (the document title, the `#` heading, left out) and introduced by
 * the paragraph just before the list when that ends with a colon ("It was
 * recommended to:"). Nested items stay with their parent. An item is open
 * unless it is a checked GFM task (`- [x]`): the summaries record decisions
 * and next steps without a status, so everything not marked done is open.
 */
import { toString } from 'mdast-util-to-string';
import type { Definition, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Doc } from '../types.js';

/** One action item, as written to `action-items.json`. */
export interface ActionItem {
  /** `<slug>/<lang>/<block id>`: stable while the item's text is unchanged. */
  id: string;
  /** Meeting folder name. */
  meeting: string;
  /** Title of the document the item is in (in its language). */
  title: string;
  /** Meeting date, `YYYY-MM-DD`. */
  date: string;
  lang: string;
  /** Headings above the item, outermost first, document title excluded. */
  section: string[];
  /** The sentence introducing the list ("It was recommended to:"): the last of the paragraph before it, when that ends with a colon. */
  lead: string | null;
  /** Plain text of the item without its nested items. */
  text: string;
  /** Plain text of its nested items. */
  subitems: string[];
  /** Checked GFM task list item. */
  done: boolean;
  /** Where the item is: the Markdown file and line. */
  source: { path: string; line: number };
}

/** An action item with the Markdown nodes it was found in, for rendering. */
export interface Extracted {
  item: ActionItem;
  node: ListItem;
  lead: Paragraph | undefined;
  /** Link definitions of the document, so `[text][ref]` in an item still resolves when it is shown alone. */
  definitions: Definition[];
}

const INTRODUCES = /[:：]\s*$/u;

/** Every action item of a document, in document order; none unless it is `kind: action-items`. */
export function extractActionItems(doc: Doc): Extracted[] {
  // Asked for by the meeting page, the action-items page, the home page entry and the summary: found once per document.
  let found = extracted.get(doc);
  if (!found) extracted.set(doc, (found = extractFrom(doc)));
  return found;
}

const extracted = new WeakMap<Doc, Extracted[]>();

function extractFrom(doc: Doc): Extracted[] {
  const front = doc.frontMatter;
  if (!doc.tree || front?.kind !== 'action-items') return [];
  const found: Extracted[] = [];
  const headings: string[] = [];
  const definitions = doc.tree.children.filter((node): node is Definition => node.type === 'definition');
  let previous: RootContent | undefined;
  for (const node of doc.tree.children) {
    if (node.type === 'heading') {
      if (node.depth > 1) headings.splice(node.depth - 2, Infinity, toString(node));
    } else if (node.type === 'list') {
      const lead = previous?.type === 'paragraph' && INTRODUCES.test(toString(previous)) ? previous : undefined;
      for (const child of node.children) found.push({ ...extract(doc, child, [...headings.filter(Boolean)], lead), definitions });
    }
    previous = node;
  }
  return found;
}

function extract(doc: Doc, node: ListItem, section: string[], lead: Paragraph | undefined): Omit<Extracted, 'definitions'> {
  const own = node.children.filter((child) => child.type !== 'list');
  const nested = node.children.filter((child): child is List => child.type === 'list');
  const start = node.position?.start.offset ?? 0;
  const block = doc.blocks.find((b) => b.kind === 'listItem' && b.start >= start) ?? doc.blocks.find((b) => b.start >= start);
  const item: ActionItem = {
    id: `${doc.slug}/${doc.lang}/${block?.id ?? `L${node.position?.start.line ?? 0}`}`,
    meeting: doc.slug,
    title: doc.frontMatter?.title ?? doc.slug,
    date: doc.frontMatter?.date ?? doc.slug.slice(0, 10),
    lang: doc.lang,
    section,
    lead: lead ? leadSentence(doc, lead) : null,
    text: own.map((child) => toString(child)).join(' ').trim(),
    subitems: nested.flatMap((list) => list.children.map((child) => toString(child).trim())),
    done: node.checked === true,
    source: { path: doc.file.path.split('\\').join('/'), line: node.position?.start.line ?? 1 },
  };
  return { item, node, lead };
}

/** The last sentence of a paragraph, as segmented; the whole paragraph when it has no segments. */
function leadSentence(doc: Doc, paragraph: Paragraph): string {
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? 0;
  const last = doc.segments.filter((s) => s.start >= start && s.end <= end).at(-1);
  return last ? last.text : toString(paragraph);
}

/** Items that are not done. */
export function openItems(items: readonly Extracted[]): Extracted[] {
  return items.filter((entry) => !entry.item.done);
}

/** Items grouped by their section (consecutive items with the same headings and lead), in document order. */
export function bySection(items: readonly Extracted[]): Extracted[][] {
  const groups: Extracted[][] = [];
  for (const entry of items) {
    const last = groups[groups.length - 1]?.[0];
    if (last && last.item.section.join('\u0000') === entry.item.section.join('\u0000') && last.lead === entry.lead) groups[groups.length - 1]!.push(entry);
    else groups.push([entry]);
  }
  return groups;
}
