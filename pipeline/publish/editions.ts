/**
 * What the site shows of each meeting in each language: the English source,
 * a translation, the Traditional Chinese edition machine-converted from the
 * Simplified Chinese one, or the English with a "not yet translated" notice.
 */
import { align } from '../align.js';
import { withoutPasted } from '../disclaimer.js';
import type { Locales } from '../locales.js';
import { languages, SOURCE_LANG } from '../languages.js';
import type { Alignment, Doc, Meeting } from '../types.js';
import { CONVERTED_FROM, CONVERTED_LANG, convertToTraditional } from './convert.js';
import type { Freshness } from './stale.js';

export { CONVERTED_FROM, CONVERTED_LANG, convertToTraditional } from './convert.js';

export type EditionKind = 'source' | 'translation' | 'converted' | 'untranslated';

/** One meeting in one language, as published. */
export interface Edition {
  lang: string;
  kind: EditionKind;
  /** The document shown: the translation, the converted one, or the English. */
  doc: Doc;
  /** Aligned with the English, for translations and converted editions. */
  alignment: Alignment | undefined;
  /** Whether the English changed since the translation (translations only). */
  freshness: Freshness | undefined;
}

export interface MeetingSite {
  meeting: Meeting;
  source: Doc;
  slug: string;
  date: string;
  title: string;
  /** Every language of the site, in the order of `languages`. */
  editions: Edition[];
}

/**
 * Whether a converted document has the segments of the one it was converted
 * from at the same places: then the alignment of the original holds for it
 * as is (OpenCC maps characters one to one, so this is the usual case).
 */
function sameSegmentation(original: Doc, converted: Doc): boolean {
  if (original.value.length !== converted.value.length || original.segments.length !== converted.segments.length || original.blocks.length !== converted.blocks.length) return false;
  const same = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
  return original.segments.every((s, i) => same(s, converted.segments[i]!)) && original.blocks.every((b, i) => same(b, converted.blocks[i]!) && b.kind === converted.blocks[i]!.kind);
}

/** A document is publishable when it was read without errors (front matter, parse, file and folder names). */
export function publishable(doc: Doc): boolean {
  return Boolean(doc.tree && doc.frontMatter && !doc.file.messages.some((message) => message.fatal === true));
}

/** The editions of one meeting in every language; `freshnessOf` tells whether a translation is out of date. */
export async function meetingEditions(
  meeting: Meeting,
  freshnessOf: (doc: Doc) => Promise<Freshness | undefined>,
  locales: Locales,
): Promise<MeetingSite | undefined> {
  if (!meeting.source || !publishable(meeting.source)) return undefined;
  // Published from here on without the disclaimers translators pasted: the pipeline adds them.
  const source = withoutPasted(meeting.source, locales);
  const byLang = new Map(meeting.translations.filter(publishable).map((doc) => [doc.lang, withoutPasted(doc, locales)]));
  const editions: Edition[] = [];
  for (const { tag } of languages) {
    if (tag === SOURCE_LANG) {
      editions.push({ lang: tag, kind: 'source', doc: source, alignment: undefined, freshness: undefined });
      continue;
    }
    const own = byLang.get(tag);
    const from = tag === CONVERTED_LANG && !own ? byLang.get(CONVERTED_FROM) : undefined;
    const doc = own ?? (from ? convertToTraditional(from) : undefined);
    if (!doc) {
      editions.push({ lang: tag, kind: 'untranslated', doc: source, alignment: undefined, freshness: undefined });
      continue;
    }
    const freshness = await freshnessOf(meeting.translations.find((t) => t.lang === (own ? tag : CONVERTED_FROM))!);
    // Aligned on first use: a meeting whose pages come from the cache is never aligned.
    let alignment: Alignment | undefined;
    editions.push({
      lang: tag,
      kind: own ? 'translation' : 'converted',
      doc,
      get alignment() {
        return (alignment ??= (from && sameSegmentation(from, doc) ? { ...align(source, from), target: doc } : undefined) ?? align(source, doc));
      },
      freshness,
    });
  }
  const front = source.frontMatter!;
  return { meeting, source, slug: meeting.slug, date: front.date, title: front.title, editions };
}
