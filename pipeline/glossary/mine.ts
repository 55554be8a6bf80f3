/**
 * `bitext glossary mine`: term candidates and drift without a termbase.
 * English acronyms with the full names the English gives them, the names
 * translations write before the acronym (名称（ACR） / 名称 (ACR)), and, in
 * aligned sentences that drop the acronym, the name written instead. An
 * acronym rendered two ways is flagged.
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
const STOP = new Set([...'在是为将向从以于由对这那其了把被让请同还也即则据就报']);
/** Two-character verbs and prepositions that precede names and whose characters also occur inside names (加勒比, 通信). */
const STOP_WORDS = new Set(['参加', '出席', '加入', '介绍', '邀请', '支持', '包括', '通过', '关于', '代表', '成立', '举办', '召开', '主办', '作为', '提到', '提交', '负责', '设立', '发布', '参与', '引入', '继续', '向着', '听取']);
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
    if (i > 0 && STOP_WORDS.has(name.slice(i - 1, i + 1))) return trimLatin(name.slice(i + 1));
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
        const [and, commas] = limitsOf(expansions, acronym);
        const form = compactName(nameBefore(segment.text, m.index, and, commas));
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
  const dropped = alignedRenderings(alignments, expansions, found);
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

/** Order `path:line:col` places by path, then line and column as numbers. */
function byPlace(a: string, b: string): number {
  const split = (p: string): [string, number, number] => {
    const m = /^(.*):(\d+):(\d+)$/.exec(p);
    return m ? [m[1]!, Number(m[2]), Number(m[3])] : [p, 0, 0];
  };
  const [pa, la, ca] = split(a);
  const [pb, lb, cb] = split(b);
  return pa < pb ? -1 : pa > pb ? 1 : la - lb || ca - cb;
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
  for (const k of kept) k.places.sort(byPlace);
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

/** How many "and" and commas the English names of an acronym have: the Chinese name may have as many 和 and 、. */
function limitsOf(expansions: ReadonlyMap<string, Set<string>>, acronym: string): [number, number] {
  const known = [...(expansions.get(acronym) ?? [])];
  return [Math.max(0, ...known.map((e) => e.split(/ and /).length - 1)), Math.max(0, ...known.map((e) => e.split(',').length - 1))];
}

const compactName = (name: string): string => name.replace(/(?<=\p{Script=Han}) (?=[A-Za-z])|(?<=[A-Za-z]) (?=\p{Script=Han})/gu, '');

/** Share of the characters two names have in common (Jaccard), to tell a variant from an unrelated name. */
function similarity(a: string, b: string): number {
  const x = new Set(a);
  const y = new Set(b);
  const common = [...x].filter((c) => y.has(c)).length;
  return common / (x.size + y.size - common);
}

/** A name that shares this much with a known rendering, ending with the same head noun, is a variant of it. */
const VARIANT_SIMILARITY = 0.5;

/**
 * Aligned pairs whose English has an acronym (or its full name) and whose translation does not keep the
 * acronym: the places are reported as `dropped`, and the name the sentence gives instead — the words ending
 * with the head noun of a known rendering (…政策网络, …联盟) — is counted as a rendering.
 */
function alignedRenderings(
  alignments: readonly Alignment[],
  expansions: ReadonlyMap<string, Set<string>>,
  found: Map<string, Map<string, MinedRendering>>,
): Map<string, string[]> {
  const dropped = new Map<string, string[]>();
  const known = new Map([...found].map(([acronym, forms]) => [acronym, [...forms.values()]]));
  for (const { source, target, links } of alignments) {
    const place = location(target.value);
    for (const link of links) {
      if (link.target.length === 0) continue;
      const english = link.source.map((i) => source.segments[i]!.text).join(' ');
      const translated = link.target.map((i) => target.segments[i]!.text).join('');
      for (const acronym of new Set([...expansions.keys(), ...found.keys()])) {
        // NRIs and NRI are the same acronym.
        const stem = acronym.replace(/s$/, '').replace(/[+\-]/g, '\\$&');
        const word = new RegExp(String.raw`(?<![A-Za-z])${stem}s?(?![A-Za-z])`);
        if (word.test(translated)) continue;
        const named = [...(expansions.get(acronym) ?? [])].some((e) => english.toLowerCase().includes(e.toLowerCase()));
        if (word.test(english)) {
          const start = target.segments[link.target[0]!]!.position.start;
          dropped.set(acronym, [...(dropped.get(acronym) ?? []), `${target.file.path}:${start.line}:${start.column}`]);
        } else if (!named) continue;
        const [and, commas] = limitsOf(expansions, acronym);
        const forms = found.get(acronym)!;
        for (const rendering of (known.get(acronym) ?? []).filter((r) => r.lang === target.lang)) {
          const head = rendering.form.slice(-2);
          for (const i of link.target) {
            const segment = target.segments[i]!;
            for (let at = segment.text.indexOf(head); at !== -1; at = segment.text.indexOf(head, at + 1)) {
              const name = compactName(nameBefore(segment.text, at + head.length, and, commas));
              if (name !== rendering.form && (name.length < 4 || similarity(name, rendering.form) < VARIANT_SIMILARITY)) continue;
              const key = `${target.lang}\u0000${name}`;
              const use = forms.get(key) ?? { lang: target.lang, form: name, count: 0, places: [], status: null };
              const point = place.toPoint(segment.start + at + head.length - name.length);
              const where = `${target.file.path}:${point?.line ?? 1}:${point?.column ?? 1}`;
              if (use.places.includes(where)) continue;
              use.count++;
              use.places.push(where);
              forms.set(key, use);
            }
          }
        }
      }
    }
  }
  return dropped;
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
