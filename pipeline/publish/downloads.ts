/**
 * The files a translator downloads from a meeting page: the translated
 * Markdown with its disclaimer, and the aligned pair as TMX, XLIFF 2.1,
 * XLIFF 1.2 and bilingual Markdown. The exchange formats and the alignment
 * views come from their own stages; this is the one place the site calls them.
 */
import { exportTmx } from '../exchange/tmx.js';
import { buildExchange } from '../exchange/model.js';
import { writeXliff2 } from '../exchange/xliff.js';
import { writeXliff12 } from '../exchange/xliff12.js';
import { formatAlignment } from '../align-format.js';
import { addDisclaimerToBody } from '../disclaimer.js';
import type { Locales } from '../locales.js';
import type { Alignment, Doc } from '../types.js';

export type DownloadKind = 'markdown' | 'bilingual' | 'tmx' | 'xliff' | 'xliff12';

export interface Download {
  kind: DownloadKind;
  /** Path in the site. */
  path: string;
  content: string;
}

/** Path of the translated Markdown of a document in the site. */
export function markdownPath(lang: string, slug: string): string {
  return `md/${lang}/${slug}.md`;
}

/** A document's Markdown for publishing: its front matter as written, then the body ending with the disclaimer. */
export function publishedMarkdown(doc: Doc, locales: Locales): string {
  const value = doc.value.replace(/^\uFEFF/, '');
  const offset = doc.value.length - value.length;
  const bodyStart = Math.max(0, doc.bodyStart - offset);
  return value.slice(0, bodyStart) + addDisclaimerToBody(doc, bodyStart + offset, locales);
}

/** Every download of one translation. */
export function downloadsOf(alignment: Alignment, locales: Locales): Download[] {
  const { source, target } = alignment;
  const base = `downloads/${source.slug}/${source.lang}-${target.lang}`;
  // Both XLIFF versions are written from one exchange model (what exportXliff builds for each).
  const exchange = buildExchange(alignment);
  return [
    { kind: 'markdown', path: markdownPath(target.lang, target.slug), content: publishedMarkdown(target, locales) },
    { kind: 'bilingual', path: `${base}.md`, content: formatAlignment(alignment, 'md') },
    { kind: 'tmx', path: `${base}.tmx`, content: exportTmx([alignment], { toolVersion: 'bitext' }) },
    { kind: 'xliff', path: `${base}.xlf`, content: writeXliff2(exchange) },
    { kind: 'xliff12', path: `${base}.xliff12.xlf`, content: writeXliff12(exchange) },
  ];
}

/** The side-by-side table of a translation, as a sanitised HTML fragment from the align stage. */
export function sideBySide(alignment: Alignment): string {
  return formatAlignment(alignment, 'html');
}
