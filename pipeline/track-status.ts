/**
 * How far each translation is: segments translated, stale, missing and
 * untranslated, percent complete and the age of its `source_commit`
 * (`bitext status`).
 */
import path from 'node:path';
import { stripUrls } from './anchors.js';
import type { Corpus } from './load.js';
import { commitTime, hasCommit } from './track-git.js';
import { trackDetails } from './track.js';
import { textId } from './track-update.js';
import type { Doc, Meeting } from './types.js';

/** One translation's state; the JSON shape of `bitext status --format json`. */
export interface TranslationStatus {
  slug: string;
  lang: string;
  path: string;
  /** How staleness was decided (see `Staleness.mode`). */
  mode: 'git' | 'hash' | 'none';
  sourceCommit: string | null;
  /** Commit date of `source_commit` (ISO 8601), when the history has it. */
  sourceDate: string | null;
  /** Whole days from the commit date to now. */
  ageDays: number | null;
  /** English segments now. */
  segments: number;
  /** English segments with a translation (not missing, not left in English). */
  translated: number;
  /** Translated passages whose English changed or was deleted since `source_commit`. */
  stale: number;
  /** English segments added since (or changed and never translated). */
  missing: number;
  /** English segments whose translation is the English text itself. */
  untranslated: number;
  /** English segments translated and up to date (translated minus those whose English changed). */
  current: number;
  /** `current` in percent of `segments`, one decimal. */
  complete: number;
  /** Whether the English changed since `source_commit` at all. */
  outdated: boolean;
  /** Why tracking was limited, if it was. */
  note: string | null;
}

/** The whole report. */
export interface StatusReport {
  translations: TranslationStatus[];
  summary: { translations: number; segments: number; translated: number; current: number; stale: number; missing: number; untranslated: number; complete: number };
}

export interface Options {
  cwd: string;
  /** Now, in seconds since the epoch (for the age); default the clock. */
  now?: number;
}

/** A lower-case word outside URLs and e-mail addresses: what makes a text need translating ("IGF 2024" or a bare link does not). */
const WORD = /\p{Ll}{2,}/u;

/** English segments left as English in the translation: the same text hash, and words in it to translate. */
function untranslatedCount(source: Doc, target: Doc): number {
  const targetIds = new Set(target.segments.map((s) => textId(s.id)));
  return source.segments.filter((s) => targetIds.has(textId(s.id)) && WORD.test(stripUrls(s.text))).length;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.round((1000 * done) / total) / 10;
}

/** The status of one translation. */
export async function translationStatus(meeting: Meeting, target: Doc, options: Options): Promise<TranslationStatus> {
  const source = meeting.source!;
  const { staleness, problem, repo } = await trackDetails(meeting, target, { cwd: options.cwd });
  const commit = staleness.sourceCommit;
  const time = repo && commit && (await hasCommit(repo.top, commit)) ? await commitTime(repo.top, commit) : undefined;
  const now = options.now ?? Date.now() / 1000;
  const segments = source.segments.length;
  const untranslated = untranslatedCount(source, target);
  const missing = staleness.missing.length;
  const changed = new Set(staleness.stale.flatMap((s) => (s.sourceAfter ? [s.sourceAfter.index] : [])));
  const translated = Math.max(0, segments - missing - untranslated);
  const current = Math.max(0, translated - changed.size);
  return {
    slug: meeting.slug,
    lang: target.lang,
    path: target.file.path,
    mode: staleness.mode,
    sourceCommit: commit ?? null,
    sourceDate: time === undefined ? null : new Date(time * 1000).toISOString(),
    ageDays: time === undefined ? null : Math.max(0, Math.floor((now - time) / 86_400)),
    segments,
    translated,
    stale: staleness.stale.length,
    missing,
    untranslated,
    current,
    complete: percent(current, segments),
    outdated: staleness.outdated,
    note: problem ? `${problem.rule}: ${problem.reason}` : null,
  };
}

/** The status of every translation of the corpus, meeting by meeting, language by language. */
export async function status(corpus: Corpus, options: Options): Promise<StatusReport> {
  const translations: TranslationStatus[] = [];
  for (const meeting of corpus.meetings) {
    if (!meeting.source) continue;
    const docs = meeting.translations.filter((d) => d.frontMatter).sort((a, b) => a.lang.localeCompare(b.lang));
    for (const doc of docs) translations.push(await translationStatus(meeting, doc, options));
  }
  const sum = (key: 'segments' | 'translated' | 'current' | 'stale' | 'missing' | 'untranslated'): number => translations.reduce((n, t) => n + t[key], 0);
  const segments = sum('segments');
  return {
    translations,
    summary: {
      translations: translations.length,
      segments,
      translated: sum('translated'),
      current: sum('current'),
      stale: sum('stale'),
      missing: sum('missing'),
      untranslated: sum('untranslated'),
      complete: percent(sum('current'), segments),
    },
  };
}

/** The report as an aligned text table with a summary line. */
export function statusTable(report: StatusReport): string {
  const head = ['meeting', 'lang', 'segments', 'translated', 'stale', 'missing', 'untranslated', 'complete', 'source age', 'mode'];
  const rows = report.translations.map((t) => [
    t.slug,
    t.lang,
    String(t.segments),
    String(t.translated),
    String(t.stale),
    String(t.missing),
    String(t.untranslated),
    `${t.complete.toFixed(1)}%`,
    t.ageDays === null ? '-' : `${t.ageDays} d`,
    t.mode,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const notes = report.translations.filter((t) => t.note).map((t) => `${path.join(t.path)}: ${t.note}`);
  const s = report.summary;
  const summary = `${s.translations} translation(s), ${s.segments} English segments: ${s.translated} translated, ${s.stale} stale, ${s.missing} missing, ${s.untranslated} untranslated; ${s.complete.toFixed(1)}% complete`;
  return `${[line(head), ...rows.map(line), ...notes, summary].join('\n')}\n`;
}
