/**
 * Segment stage: blocks, then sentences per language, with stable ids.
 * Segments are ranges of the file, so the file is their concatenation with
 * the text between them (lossless by construction, and tested).
 */
import { hash as digest } from 'node:crypto';
import { location } from 'vfile-location';
import { collectBlocks } from './blocks.js';
import { splitSentences } from './sentences.js';
import { scriptOf } from './languages.js';
import type { Block, Doc, Range, Segment } from './types.js';

/** Add blocks and segments to a parsed document (in place) and return it. */
export function segment(doc: Doc): Doc {
  if (!doc.tree) return doc;
  const place = location(doc.value);
  const range = (start: number, end: number): Range => ({
    start: { ...place.toPoint(start)!, offset: start },
    end: { ...place.toPoint(end)!, offset: end },
  });
  const script = scriptOf(doc.lang);
  const blockIds = new IdMaker('b');
  const segmentIds = new IdMaker('s');
  const blocks: Block[] = [];
  const segments: Segment[] = [];
  for (const raw of collectBlocks(doc.tree)) {
    const text = doc.value.slice(raw.start, raw.end);
    const block: Block = {
      id: blockIds.next(text),
      kind: raw.kind,
      depth: raw.depth,
      start: raw.start,
      end: raw.end,
      position: range(raw.start, raw.end),
      inline: raw.inline,
      segments: [],
    };
    for (const span of splitSentences(text, script, raw.marks)) {
      const start = raw.start + span.start;
      const end = raw.start + span.end;
      const sentence = doc.value.slice(start, end);
      const item: Segment = {
        id: segmentIds.next(sentence),
        blockId: block.id,
        index: segments.length,
        blockIndex: blocks.length,
        start,
        end,
        text: sentence,
        position: range(start, end),
        inline: raw.inline.filter((mark) => mark.start >= start && mark.end <= end),
      };
      block.segments.push(item);
      segments.push(item);
    }
    blocks.push(block);
  }
  doc.blocks = blocks;
  doc.segments = segments;
  return doc;
}

/**
 * Content-derived ids: a hash of the whitespace-normalised text, so that
 * editing, inserting or deleting one segment leaves every other id unchanged.
 * Repeated texts get `~2`, `~3`… in document order.
 */
class IdMaker {
  private readonly seen = new Map<string, number>();
  constructor(private readonly prefix: string) {}

  next(text: string): string {
    // One-shot crypto.hash: a third of the time of a Hash object for texts this short.
    const hash = digest('sha1', text.replace(/\s+/gu, ' ').trim(), 'hex').slice(0, 10);
    const count = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, count);
    return count === 1 ? `${this.prefix}-${hash}` : `${this.prefix}-${hash}~${count}`;
  }
}
