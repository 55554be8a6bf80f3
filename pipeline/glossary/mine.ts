/**
 * `bitext glossary mine`: term candidates and drift without a termbase.
 * English acronyms with the full names the English gives them, the names
 * translations write before the acronym (名称（ACR） / 名称 (ACR)), and the
 * aligned sentences where an English acronym was dropped. An acronym
 * rendered two ways is flagged.
 */
import { location } from 'vfile-location';
import { SOURCE_LANG } from '../languages.js';
import type { Alignment, Doc } from '../types.js';
import type { TermIndex } from './forms.js';
import type { Entry } from './termbase.js';

export interface MinedRendering {
  lang: string;
  form: string;
  count: number;
  places: string[];
  /** Status in the termbase, when the acronym is a known term. */
  status: 'preferred' | 'accepted' | 'forbidden' | 'unknown' | null;
}

export interface MinedAcronym {
  acronym: string;
  /** Full names the English writes before `(ACR)`. */
  expansions: string[];
  renderings: MinedRendering[];
  /** More than one rendering in one language. */
  twoWays: boolean;
  /** Id of the termbase entry, when there is one. */
  known: string | null;
  /** Aligned translation sentences that do not keep the acronym: `path:line:col` of the translation. */
  dropped: string[];
}

export interface MineReport {
  acronyms: MinedAcronym[];
}

const ACRONYM = String.raw`[A-Z][A-Za-z0-9+\-]*[A-Z0-9+]s?`;
const ENGLISH_NAME = new RegExp(String.raw`((?:[A-Z][\p{L}\-]*|of|on|and|for|the|in|to)(?:,? (?:[A-Z][\p{L}\-]*|of|on|and|for|the|in|to))*) \((${ACRONYM})\)`, 'gu');
const TRANSLATED = new RegExp(String.raw`[（(]\s*(${ACRONYM})\s*[）)]`, 'gu');
const CJK = /[\p{Script=Han}]/u;
/** Characters that end a name when read backwards: verbs, prepositions and particles that precede names. */
const STOP = new Set([...'在是为将向从以于由对这那其了把被让请同还也即的则据就报']);
const CONJUNCTIONS = new Set([...'和与及']);

/** The name written just before `end` in `text`: CJK characters and the Latin words inside it, trimmed of the words before it. */
export function nameBefore(text: string, end: number, conjunctions: number, commas = 0): string {
  let start = end;
  while (start > 0 && text[start - 1] === ' ') start--;
  const stop = start;
  while (start > 0) {
    const c = text[start - 1]!;
    const next = text[start] ?? '';
    if (CJK.test(c) || c === '、' || c === '·' || /[A-Za-z]/.test(c)) start--;
    else if (c === ' ' && start >= 2 && CJK.test(text[start - 2]!) !== CJK.test(next) && /[\p{L}]/u.test(text[start - 2]!)) start--;
    else break;
  }
  let name = text.slice(start, stop);
  if (/\d$/.test(text.slice(0, start)) && /^[年月日]/.test(name)) name = name.slice(1);
  // Read backwards: the English expansion says how many "and" and commas the name itself has.
  let and = conjunctions;
  let comma = commas;
  for (let i = name.length - 1; i >= 0; i--) {
    const c = name[i]!;
    if ((CONJUNCTIONS.has(c) && and-- > 0) || (c === '、' && comma-- > 0)) continue;
    if (STOP.has(c) || CONJUNCTIONS.has(c) || c === '、') return trimLatin(name.slice(i + 1));
  }
  return trimLatin(name);
}

/** A Latin word before the Chinese name is context (IGF 多利益相关方咨询小组), not part of it. */
const trimLatin = (name: string): string => name.trim().replace(/^[A-Za-z]+ ?(?=\p{Script=Han})/u, '');

/** The words of an English name that its acronym stands for: the nearest suffix whose initials spell the acronym. */
export function expansionFor(words: string, acronym: string): string | undefined {
  const letters = [...acronym.replace(/s$/, '')].filter((c) => /[A-Z]/.test(c));
  const tokens = [...words.matchAll(/[^ ,]+/g)];
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]![0][0] !== letters[0]) continue;
    const initials = tokens.slice(i).flatMap((t) => t[0].split('-')).map((t) => t[0] ?? '').filter((c) => /[A-Z]/.test(c));
    let k = 0;
    for (const c of initials) if (c === letters[k]) k++;
    if (k === letters.length) return words.slice(tokens[i]!.index);
  }
  return undefined;
}

/** Mine acronyms and their renderings from aligned meetings (and translations without a source). */
export function mine(docs: readonly Doc[], alignments: readonly Alignment[], index: TermIndex): MineReport {
  const expansions = new Map<string, Set<string>>();
  for (const doc of docs.filter((d) => d.lang === SOURCE_LANG)) {
    for (const segment of doc.segments) {
      for (const m of segment.text.matchAll(ENGLISH_NAME)) {
        const name = expansionFor(m[1]!, m[2]!);
        if (name !== undefined && name !== m[2]) add(expansions, m[2]!, name);
      }
    }
  }
  const found = new Map<string, Map<string, MinedRendering>>();
  for (const doc of docs.filter((d) => d.lang !== SOURCE_LANG && d.tree)) {
    const place = location(doc.value);
    for (const segment of doc.segments) {
      for (const m of segment.text.matchAll(TRANSLATED)) {
        const acronym = m[1]!;
        const known = [...(expansions.get(acronym) ?? [])];
        const and = Math.max(0, ...known.map((e) => e.split(/ and /).length - 1));
        const commas = Math.max(0, ...known.map((e) => e.split(',').length - 1));
        const form = nameBefore(segment.text, m.index, and, commas).replace(/(?<=\p{Script=Han}) (?=[A-Za-z])|(?<=[A-Za-z]) (?=\p{Script=Han})/gu, '');
        if ([...form].filter((c) => CJK.test(c)).length < 2) continue;
        const byForm = found.get(acronym) ?? new Map<string, MinedRendering>();
        const key = `${doc.lang}\u0000${form}`;
        const rendering = byForm.get(key) ?? { lang: doc.lang, form, count: 0, places: [], status: null };
        const point = place.toPoint(segment.start + m.index);
        rendering.count++;
        rendering.places.push(`${doc.file.path}:${point?.line ?? 1}:${point?.column ?? 1}`);
        byForm.set(key, rendering);
        found.set(acronym, byForm);
      }
    }
  }
  const dropped = droppedAcronyms(alignments, expansions);
  const acronyms = [...new Set([...expansions.keys(), ...found.keys()])].sort().map((acronym): MinedAcronym => {
    const entry = index.termbase.entries.find((e) => e.term === acronym || (e.variants ?? []).includes(acronym));
    const renderings = mergeSuffixes([...(found.get(acronym)?.values() ?? [])]).map((r) => ({ ...r, status: entry ? statusIn(entry, r) : null }));
    const langs = renderings.map((r) => r.lang);
    return {
      acronym,
      expansions: [...(expansions.get(acronym) ?? [])].sort(),
      renderings,
      twoWays: langs.length !== new Set(langs).size,
      known: entry?.id ?? null,
      dropped: dropped.get(acronym) ?? [],
    };
  });
  return { acronyms };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  map.set(key, (map.get(key) ?? new Set()).add(value));
}

/** A rendering that ends with another one of the same language is that one with context before it (通报全球数字契约 → 全球数字契约). */
function mergeSuffixes(renderings: MinedRendering[]): MinedRendering[] {
  const sorted = [...renderings].sort((a, b) => a.form.length - b.form.length || (a.form < b.form ? -1 : 1));
  const kept: MinedRendering[] = [];
  for (const r of sorted) {
    const shorter = kept.find((k) => k.lang === r.lang && r.form.endsWith(k.form));
    if (shorter) {
      shorter.count += r.count;
      shorter.places.push(...r.places);
    } else kept.push({ ...r, places: [...r.places] });
  }
  for (const k of kept) k.places.sort();
  return kept.sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : b.count - a.count || (a.form < b.form ? -1 : 1)));
}

function statusIn(entry: Entry, rendering: MinedRendering): MinedRendering['status'] {
  const lang = entry.langs[rendering.lang as keyof Entry['langs']];
  const compact = (s: string): string => s.replace(/ /g, '');
  if (!lang) return 'unknown';
  const rank = lang.approved.findIndex((a) => compact(a) === rendering.form);
  if (rank === 0) return 'preferred';
  if (rank > 0) return 'accepted';
  return (lang.forbidden ?? []).some((f) => compact(f.form) === rendering.form) ? 'forbidden' : 'unknown';
}

/** Aligned pairs whose English writes an acronym with a known expansion and whose translation does not keep it. */
function droppedAcronyms(alignments: readonly Alignment[], expansions: ReadonlyMap<string, Set<string>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { source, target, links } of alignments) {
    for (const link of links) {
      if (link.target.length === 0) continue;
      const english = link.source.map((i) => source.segments[i]!.text).join(' ');
      const translated = link.target.map((i) => target.segments[i]!.text).join('');
      for (const acronym of expansions.keys()) {
        // NRIs and NRI are the same acronym.
        const stem = acronym.replace(/s$/, '').replace(/[+\-]/g, '\\$&');
        const word = new RegExp(String.raw`(?<![A-Za-z])${stem}s?(?![A-Za-z])`);
        if (!word.test(english) || word.test(translated)) continue;
        const start = target.segments[link.target[0]!]!.position.start;
        out.set(acronym, [...(out.get(acronym) ?? []), `${target.file.path}:${start.line}:${start.column}`]);
      }
    }
  }
  return out;
}

/** The mining report as text. */
export function mineText(report: MineReport): string {
  const lines: string[] = [];
  for (const a of report.acronyms) {
    if (a.renderings.length === 0 && a.dropped.length === 0) continue;
    lines.push(`${a.twoWays ? 'TWO-WAYS' : 'ok'}\t${a.acronym}${a.expansions.length > 0 ? ` = ${a.expansions.join(' | ')}` : ''}${a.known ? ` [termbase: ${a.known}]` : ''}`);
    for (const r of a.renderings) lines.push(`  ${r.lang}\t${r.form}\t${r.count}${r.status ? `\t${r.status}` : ''}\t${r.places.join(' ')}`);
    if (a.dropped.length > 0) lines.push(`  acronym dropped in ${a.dropped.length} aligned sentence(s): ${a.dropped.join(' ')}`);
  }
  const twoWays = report.acronyms.filter((a) => a.twoWays).length;
  lines.push(`${report.acronyms.length} acronym(s); ${twoWays} rendered more than one way`);
  return `${lines.join('\n')}\n`;
}
