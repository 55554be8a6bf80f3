/**
 * The Traditional Chinese edition of a Simplified Chinese document: converted
 * with OpenCC, then read like a file of its own. OpenCC swaps characters one
 * for one, so the mdast is usually copied from the Simplified one with its
 * letters swapped (see substituted-tree.ts) rather than parsed again.
 */
import { parse, parseBody, type BodyParser } from '../parse.js';
import { segment } from '../segment.js';
import { compactConverter } from './opencc.js';
import type { Doc } from '../types.js';
import { substitutedTree } from './substituted-tree.js';

export const CONVERTED_LANG = 'zh-Hant';
export const CONVERTED_FROM = 'zh';

/**
 * Simplified → Traditional Chinese with OpenCC's `cn` → `tw` (Taiwan standard
 * characters). Only characters are converted, not vocabulary: the phrase
 * tables (`twp`) turned 项目 "item" into 專案 "project" in these summaries.
 */
export function toTraditional(text: string): string {
  // Made on first use: building OpenCC's dictionaries takes tens of milliseconds, and most threads
  // of a build (the main one, workers rendering archives without Chinese) never convert anything.
  // opencc-js's matching over dictionaries the garbage collector need not walk (see opencc.ts).
  const convert = (converter ??= compactConverter('cn', 'tw'));
  return convert(text);
}

let converter: ((text: string) => string) | undefined;

/** The Traditional Chinese edition of a Simplified Chinese document, parsed and segmented like a file of its own. */
export function convertToTraditional(doc: Doc): Doc {
  const value = toTraditional(doc.value);
  const path = doc.file.path.replace(/zh\.md$/, `${CONVERTED_LANG}.md`);
  return segment(parse(new TextEncoder().encode(value), { path, slug: doc.slug, lang: CONVERTED_LANG }, bodyFrom(doc)));
}

/** A body parser that copies the tree of `doc` when the converted file has the same body and shape. */
function bodyFrom(doc: Doc): BodyParser {
  return (value, bodyStart) =>
    (doc.tree && bodyStart === doc.bodyStart ? substitutedTree(doc.tree, doc.value, value, bodyStart) : undefined) ?? parseBody(value, bodyStart);
}
