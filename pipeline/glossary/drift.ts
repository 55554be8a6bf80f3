/**
 * `bitext glossary drift`: the corpus-wide view of terminology. Per term and
 * language, every rendering in use with counts and places, the documents that
 * deviate from the preferred form, and how the renderings changed through the
 * git history of the content.
 */
import path from 'node:path';
import { location } from 'vfile-location';
import { git } from '../git.js';
import { isLanguageTag, SOURCE_LANG } from '../languages.js';
import type { Doc } from '../types.js';
import type { Form, TermIndex } from './forms.js';
import { leftmostLongest } from './matcher.js';
import type { Entry } from './termbase.js';

/** How a rendering stands in the termbase. */
export type RenderingStatus = 'preferred' | 'accepted' | 'forbidden';

export interface RenderingUse {
  form: string;
  status: RenderingStatus;
  count: number;
  /** `path:line:column` of every use. */
  places: string[];
}

export interface HistoryPoint {
  commit: string;
  date: string;
  subject: string;
  /** Uses per rendering in the whole content at that commit. */
  counts: Record<string, number>;
}

export interface TermDrift {
  id: string;
  term: string;
  expansion: string | null;
  lang: string;
  preferred: string | null;
  /** More than one rendering in use, or a forbidden one. */
  drift: boolean;
  renderings: RenderingUse[];
  /** Uses of the kept English acronym instead of a rendering. */
  acronym: number;
  /** Documents that use a forbidden or a non-preferred rendering. */
  deviating: { path: string; forms: string[] }[];
  history: HistoryPoint[];
}

export interface DriftReport {
  terms: TermDrift[];
  /** Commits of the content read for the history, oldest first. */
  commits: number;
}

const statusOf = (form: Form): RenderingStatus =>
  form.kind === 'forbidden' ? 'forbidden' : form.rank === 0 ? 'preferred' : 'accepted';

interface Use {
  entry: Entry;
  lang: string;
  form: Form;
  path: string;
  offset: number;
}

/** Every rendering of every term in a text, as a reader sees them (a longer term shadows a shorter one inside it). */
function usesIn(text: string, lang: string, file: string, index: TermIndex): Use[] {
  return leftmostLongest(index.target(lang).findAll(text)).map((hit) => ({ entry: hit.pattern.data.entry, lang, form: hit.pattern.data, path: file, offset: hit.start }));
}

const keyOf = (entry: Entry, lang: string): string => `${entry.id}\u0000${lang}`;

/** Count renderings per term and language in a set of texts. */
function countUses(uses: readonly Use[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const use of uses) {
    if (use.form.kind === 'acronym') continue;
    const key = keyOf(use.entry, use.lang);
    const forms = counts.get(key) ?? new Map<string, number>();
    forms.set(use.form.canonical, (forms.get(use.form.canonical) ?? 0) + 1);
    counts.set(key, forms);
  }
  return counts;
}

export interface Options {
  cwd: string;
  /** Content paths (relative to cwd) whose git history is read. */
  paths: readonly string[];
  /** Only commits after this revision. */
  since?: string;
  /** Skip the history (outside a git repository). */
  history?: boolean;
}

/** The drift report of the translations in `docs`, with the history of `options.paths`. */
export async function driftReport(docs: readonly Doc[], index: TermIndex, options: Options): Promise<DriftReport> {
  const uses = docs.filter((d) => d.lang !== SOURCE_LANG && d.tree).flatMap((d) => usesIn(d.value, d.lang, d.file.path, index));
  const history: HistoryCounts = options.history === false ? { points: [] } : await historyCounts(index, options);
  const places = new Map(docs.map((d) => [d.file.path, location(d.value)]));
  const grouped = new Map<string, Use[]>();
  for (const use of uses) grouped.set(keyOf(use.entry, use.lang), [...(grouped.get(keyOf(use.entry, use.lang)) ?? []), use]);
  const terms: TermDrift[] = [];
  for (const [key, group] of grouped) {
    const { entry, lang } = group[0]!;
    const renderings = new Map<string, RenderingUse>();
    for (const use of group.filter((u) => u.form.kind !== 'acronym')) {
      const rendering = renderings.get(use.form.canonical) ?? { form: use.form.canonical, status: statusOf(use.form), count: 0, places: [] };
      const point = places.get(use.path)?.toPoint(use.offset);
      rendering.count++;
      rendering.places.push(`${use.path}:${point?.line ?? 1}:${point?.column ?? 1}`);
      renderings.set(use.form.canonical, rendering);
    }
    const list = [...renderings.values()].sort((a, b) => order(a.status) - order(b.status) || b.count - a.count || (a.form < b.form ? -1 : 1));
    const deviating = new Map<string, Set<string>>();
    for (const use of group) {
      if (use.form.kind === 'acronym' || statusOf(use.form) === 'preferred') continue;
      deviating.set(use.path, (deviating.get(use.path) ?? new Set()).add(use.form.canonical));
    }
    terms.push({
      id: entry.id,
      term: entry.term,
      expansion: entry.expansion ?? null,
      lang,
      preferred: entry.langs[lang as keyof Entry['langs']]?.approved[0] ?? null,
      drift: list.length > 1 || list.some((r) => r.status === 'forbidden'),
      renderings: list,
      acronym: group.filter((u) => u.form.kind === 'acronym').length,
      deviating: [...deviating].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, forms]) => ({ path: p, forms: [...forms].sort() })),
      history: history.points.map((point) => ({ ...point.meta, counts: Object.fromEntries(point.counts.get(key) ?? []) })),
    });
  }
  terms.sort((a, b) => Number(b.drift) - Number(a.drift) || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.lang < b.lang ? -1 : 1));
  return { terms, commits: history.points.length };
}

const order = (status: RenderingStatus): number => (status === 'preferred' ? 0 : status === 'accepted' ? 1 : 2);

interface HistoryCounts {
  points: { meta: Omit<HistoryPoint, 'counts'>; counts: Map<string, Map<string, number>> }[];
}

/** Renderings per commit that touched the content: every translation of the tree at that commit, read with `git show`. */
async function historyCounts(index: TermIndex, options: Options): Promise<HistoryCounts> {
  const range = options.since ? [`${options.since}..HEAD`] : ['HEAD'];
  let log: string;
  try {
    log = await git(options.cwd, ['log', '--reverse', '--format=%H%x09%cI%x09%s', ...range, '--', ...options.paths]);
  } catch (error) {
    if (options.since) throw new Error(`Cannot read the history since ${options.since}: ${(error as Error).message}`);
    return { points: [] }; // not a repository, or no commit yet
  }
  const points: HistoryCounts['points'] = [];
  // A file unchanged between commits is the same blob: each blob is read and scanned once.
  const byBlob = new Map<string, Use[]>();
  for (const line of log.split('\n').filter(Boolean)) {
    const [commit = '', date = '', ...subject] = line.split('\t');
    const tree = await git(options.cwd, ['ls-tree', '-r', '-z', commit, '--', ...options.paths]);
    const uses: Use[] = [];
    for (const item of tree.split('\0').filter(Boolean)) {
      const [meta = '', file = ''] = item.split('\t');
      const [, type, blob = ''] = meta.split(' ');
      const lang = path.basename(file, '.md');
      if (type !== 'blob' || !file.endsWith('.md') || lang === SOURCE_LANG || !isLanguageTag(lang)) continue;
      const key = `${blob}\u0000${lang}`;
      let found = byBlob.get(key);
      if (!found) {
        found = usesIn(await git(options.cwd, ['cat-file', 'blob', blob]), lang, file, index);
        byBlob.set(key, found);
      }
      uses.push(...found);
    }
    points.push({ meta: { commit, date, subject: subject.join('\t') }, counts: countUses(uses) });
  }
  return { points };
}

/** The drift report as text for a terminal: drifting terms first, places of every deviation. */
export function driftText(report: DriftReport): string {
  const lines: string[] = [];
  for (const term of report.terms) {
    const name = term.expansion ? `${term.term} (${term.expansion})` : term.term;
    lines.push(`${term.drift ? 'DRIFT' : 'ok'}\t${name} [${term.lang}]${term.preferred ? ` preferred: ${term.preferred}` : ''}`);
    for (const r of term.renderings) {
      lines.push(`  ${r.status.padEnd(9)} ${r.form}\t${r.count}`);
      if (r.status !== 'preferred') for (const place of r.places) lines.push(`    ${place}`);
    }
    if (term.acronym > 0) lines.push(`  acronym   ${term.term}\t${term.acronym}`);
    const trend = term.history.filter((h) => Object.keys(h.counts).length > 0);
    if (term.drift && trend.length > 0) {
      lines.push('  history:');
      for (const h of trend) lines.push(`    ${h.commit.slice(0, 7)} ${h.date.slice(0, 10)} ${Object.entries(h.counts).map(([f, n]) => `${f}×${n}`).join(' ')}`);
    }
  }
  const drifting = report.terms.filter((t) => t.drift).length;
  lines.push(`${drifting} of ${report.terms.length} term(s) drift; history of ${report.commits} commit(s)`);
  return `${lines.join('\n')}\n`;
}
