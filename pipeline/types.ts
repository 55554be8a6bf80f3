/**
 * The document model every stage works on: a vfile (path, value, messages)
 * plus its front matter, mdast, blocks and segments. Stages add typed data;
 * they never pass tuples around.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { FrontMatter } from './front-matter.js';

export type { FrontMatter } from './front-matter.js';

/** A point in a file: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A range in a file. */
export interface Range {
  start: Point;
  end: Point;
}

/** Kinds of inline markup recorded inside a segment, so later stages can compare them. */
export type InlineKind =
  | 'emphasis'
  | 'strong'
  | 'delete'
  | 'link'
  | 'linkReference'
  | 'inlineCode'
  | 'image'
  | 'imageReference'
  | 'footnoteReference'
  | 'html'
  | 'break';

/** One inline markup node, by offsets into the file. */
export interface InlineMark {
  kind: InlineKind;
  start: number;
  end: number;
  /** Link or image target, when there is one. */
  url?: string;
}

/** Where a block sits in the Markdown structure. */
export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'tableCell' | 'blockquote' | 'footnote';

/** A translatable block: the inline content of a heading, paragraph, list item, cell… */
export interface Block {
  /** Stable id: a hash of the block's text (with `~n` for repeats). */
  id: string;
  kind: BlockKind;
  /** Heading depth, list nesting depth (1 = top level) or table row (1-based); 0 otherwise. */
  depth: number;
  /** Offsets of the inline content in the file (markup prefixes such as `## ` and `- ` excluded). */
  start: number;
  end: number;
  position: Range;
  /** All inline markup inside the block. */
  inline: InlineMark[];
  segments: Segment[];
}

/** A sentence: the unit of alignment, translation memory and stale tracking. */
export interface Segment {
  /** Stable id: a hash of the normalised text (with `~n` for repeats). */
  id: string;
  blockId: string;
  /** Index in the document's segment list. */
  index: number;
  /** Index of the block in the document's block list. */
  blockIndex: number;
  start: number;
  end: number;
  /** The segment exactly as written in the file. */
  text: string;
  position: Range;
  /** Inline markup fully inside this segment. */
  inline: InlineMark[];
}

/** A parsed Markdown document of one language. */
export interface Doc {
  file: VFile;
  /** Meeting folder name, e.g. `2024-02-27-first-open-consultations-mag`. */
  slug: string;
  /** BCP 47 tag taken from the file name. */
  lang: string;
  /** Raw file value (after UTF-8 decoding; a BOM, if any, is kept). */
  value: string;
  /** Validated front matter, or undefined when it is missing or invalid. */
  frontMatter: FrontMatter | undefined;
  /** Offset where the Markdown body starts (after the front matter). */
  bodyStart: number;
  /** mdast with positions in whole-file coordinates; undefined when the file could not be read. */
  tree: Root | undefined;
  blocks: Block[];
  segments: Segment[];
}

/** A meeting: its English source and its translations. */
export interface Meeting {
  slug: string;
  dir: string;
  source: Doc | undefined;
  translations: Doc[];
}

/** One link of a sentence alignment: indices into `source.segments` and `target.segments`. */
export interface Link {
  /** 0, 1 or 2 source segment indices (ascending). */
  source: number[];
  /** 0, 1 or 2 target segment indices (ascending). */
  target: number[];
  /** Confidence in [0, 1]. */
  score: number;
}

/** One link of the block alignment: indices into `source.blocks` and `target.blocks`. */
export interface BlockLink {
  source: number[];
  target: number[];
  score: number;
}

/**
 * A translation aligned with its English source. Every source and every
 * target segment appears in exactly one link; links are in document order.
 */
export interface Alignment {
  source: Doc;
  target: Doc;
  blocks: BlockLink[];
  links: Link[];
}
