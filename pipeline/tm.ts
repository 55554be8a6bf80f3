/**
 * Translation memory: the aligned sentence pairs of the corpus for one
 * language. Exact lookups by whitespace-normalised English; fuzzy lookups
 * by character-level similarity (difflib's ratio over jsdiff's `diffChars`),
 * so a recurring sentence with another date or name is still found.
 * Outdated pairs (stale by the track stage) and untranslated ones (target
 * identical to the English) never enter the memory.
 */
import { align } from './align.js';
import { normalise, similarity, similarityBound } from './source-diff.js';
import { trackDetails } from './track.js';
import type { Doc, Link, Meeting } from './types.js';

/** One pair of the memory. */
export interface MemoryEntry {
  /** The English, as written. */
  source: string;
  /** The translation, as written (inline Markdown kept). */
  target: string;
  /** Meeting the pair comes from. */
  slug: string;
}

/** A lookup result: the entry and how similar its English is (1 for an exact match). */
export interface Match {
  entry: MemoryEntry;
  similarity: number;
}

export interface Options {
  cwd: string;
  /** Meetings left out (e.g. the one being translated). */
  exclude?: readonly string[];
  /** Least alignment score of a link to enter the memory; default 0.3. */
  minScore?: number;
}

/** Default least similarity of a fuzzy match. */
export const FUZZY_THRESHOLD = 0.75;

const STATUS_RANK: Record<string, number> = { published: 2, reviewed: 1, draft: 0 };

/** A translation memory for one language. */
export class Memory {
  private readonly byText = new Map<string, MemoryEntry>();

  constructor(readonly lang: string) {}

  /** Number of distinct English texts. */
  get size(): number {
    return this.byText.size;
  }

  /** Add a pair; the first pair for an English text wins (callers add the most trusted first). */
  add(entry: MemoryEntry): void {
    const key = normalise(entry.source);
    if (key && !this.byText.has(key)) this.byText.set(key, entry);
  }

  /** Every entry, in insertion order. */
  entries(): MemoryEntry[] {
    return [...this.byText.values()];
  }

  /** The pair whose English is this text (whitespace-insensitive). */
  exact(text: string): MemoryEntry | undefined {
    return this.byText.get(normalise(text));
  }

  /**
   * The most similar pair at or above `threshold` (ties: the earlier entry); exact matches come first.
   * A character diff with every entry would be quadratic in the corpus, so, as TM systems do, candidates
   * are first screened by shared character trigrams and only the closest few are diffed.
   */
  lookup(text: string, threshold = FUZZY_THRESHOLD): Match | undefined {
    const exact = this.exact(text);
    if (exact) return { entry: exact, similarity: 1 };
    const key = normalise(text);
    const grams = trigrams(key);
    const screened: { other: string; entry: MemoryEntry; dice: number }[] = [];
    for (const [other, entry] of this.byText) {
      if (similarityBound(key.length, other.length) < threshold) continue;
      const dice = overlap(grams, this.trigramsOf(other));
      if (dice >= SCREEN) screened.push({ other, entry, dice });
    }
    screened.sort((a, b) => b.dice - a.dice);
    let best: Match | undefined;
    for (const { other, entry } of screened.slice(0, CANDIDATES)) {
      const score = similarity(key, other, true, Math.max(threshold, best?.similarity ?? 0));
      if (score >= threshold && (!best || score > best.similarity)) best = { entry, similarity: score };
    }
    return best;
  }

  private readonly grams = new Map<string, Set<string>>();

  private trigramsOf(text: string): Set<string> {
    let found = this.grams.get(text);
    if (!found) this.grams.set(text, (found = trigrams(text)));
    return found;
  }
}

/** Least trigram overlap (Dice) for a fuzzy candidate, and how many candidates are diffed. */
const SCREEN = 0.4;
const CANDIDATES = 8;

/** Character trigrams of a text (lower-cased). */
function trigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  if (chars.length < 3) out.add(chars.join(''));
  return out;
}

/** Dice coefficient of two sets. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** The text a link covers in a document: the file slice when its segments share a block (keeping the writer's spacing), else joined. */
export function linkText(doc: Doc, indices: readonly number[], joiner = ' '): string {
  const segments = indices.map((i) => doc.segments[i]!);
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last) return '';
  if (first.blockIndex === last.blockIndex) return doc.value.slice(first.start, last.end);
  return segments.map((s) => s.text).join(joiner);
}

/** Translations in `lang` in trust order: published before reviewed before draft, newer meetings first, then by slug. */
function ordered(meetings: readonly Meeting[], lang: string, exclude: ReadonlySet<string>): { meeting: Meeting; doc: Doc }[] {
  const found = meetings.flatMap((meeting) =>
    meeting.source && !exclude.has(meeting.slug) ? meeting.translations.filter((d) => d.lang === lang && d.frontMatter).map((doc) => ({ meeting, doc })) : [],
  );
  const rank = (d: Doc): number => STATUS_RANK[d.frontMatter?.status ?? 'draft'] ?? 0;
  return found.sort(
    (a, b) => rank(b.doc) - rank(a.doc) || (b.doc.frontMatter?.date ?? '').localeCompare(a.doc.frontMatter?.date ?? '') || a.meeting.slug.localeCompare(b.meeting.slug),
  );
}

/** Build the memory of `lang` from every aligned pair of the corpus that is neither stale nor untranslated. */
export async function buildMemory(meetings: readonly Meeting[], lang: string, options: Options): Promise<Memory> {
  const memory = new Memory(lang);
  const minScore = options.minScore ?? 0.3;
  for (const { meeting, doc } of ordered(meetings, lang, new Set(options.exclude ?? []))) {
    const source = meeting.source!;
    const { staleness } = await trackDetails(meeting, doc, { cwd: options.cwd });
    if (staleness.mode === 'hash' && staleness.outdated) continue; // outdated, but where is unknown: trust none of it
    const outdated = new Set<number>([...staleness.stale.flatMap((s) => (s.sourceAfter ? [s.sourceAfter.index] : [])), ...staleness.missing.map((s) => s.index)]);
    const usable = (link: Link): boolean =>
      link.source.length > 0 && link.target.length > 0 && link.score >= minScore && !link.source.some((i) => outdated.has(i));
    const title = doc.frontMatter?.title;
    if (title && source.frontMatter?.title && title !== source.frontMatter.title) memory.add({ source: source.frontMatter.title, target: title, slug: meeting.slug });
    for (const link of align(source, doc).links.filter(usable)) {
      const english = linkText(source, link.source);
      const translated = linkText(doc, link.target);
      if (normalise(english) !== normalise(translated)) memory.add({ source: english, target: translated, slug: meeting.slug });
    }
  }
  return memory;
}
