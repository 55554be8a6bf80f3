/**
 * TBX-Basic (ISO 30042:2019, DCA style) export and import of the termbase,
 * for volunteers whose CAT tool reads termbases. Approved renderings are
 * `preferredTerm-admn-sts` (the first) and `admittedTerm-admn-sts`;
 * forbidden variants are `deprecatedTerm-admn-sts` with their reason as a
 * note; the acronym and its expansion are `abbreviation` and `fullForm`.
 * Fields TBX-Basic has no category for (case rule, first-use rule,
 * evidence, replacement) travel as `bitext:key=value` notes, so an export
 * imports back to the same termbase.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { isLanguageTag } from '../languages.js';
import { EVIDENCE, termbaseFileSchema, type EntryData, type Evidence, type Forbidden, type Rendering } from './schema.js';
import type { Termbase } from './termbase.js';

const NS = 'urn:iso:std:iso:30042:ed-2';
const PREFERRED = 'preferredTerm-admn-sts';
const ADMITTED = 'admittedTerm-admn-sts';
const DEPRECATED = 'deprecatedTerm-admn-sts';
const SUPERSEDED = 'supersededTerm-admn-sts';
const TAG = 'bitext:';

type XmlNode = Record<string, unknown>;

const note = (text: string): XmlNode => ({ '#text': text });
const tagged = (key: string, value: string | boolean): XmlNode => note(`${TAG}${key}=${String(value)}`);
const termNote = (type: string, text: string): XmlNode => ({ '@_type': type, '#text': text });
const source = (text: string | undefined): XmlNode[] => (text === undefined ? [] : [{ '@_type': 'source', '#text': text }]);

function termSec(term: string, notes: XmlNode[], extra: XmlNode[] = []): XmlNode {
  return { term, termNote: notes, ...(extra.length > 0 ? { note: extra } : {}) };
}

function englishSec(entry: EntryData): XmlNode {
  const terms: XmlNode[] = [];
  if (entry.expansion === undefined) terms.push(termSec(entry.term, [termNote('termType', 'fullForm')]));
  else {
    terms.push(termSec(entry.term, [termNote('termType', 'abbreviation')]));
    terms.push(termSec(entry.expansion, [termNote('termType', 'fullForm')]));
  }
  for (const variant of entry.variants ?? []) terms.push(termSec(variant, [termNote('termType', 'variant')]));
  return { '@_xml:lang': 'en', termSec: terms };
}

function targetSec(lang: string, rendering: Rendering): XmlNode {
  const terms: XmlNode[] = rendering.approved.map((form, i) => termSec(form, [termNote('administrativeStatus', i === 0 ? PREFERRED : ADMITTED)]));
  for (const f of rendering.forbidden ?? []) {
    terms.push(termSec(f.form, [termNote('administrativeStatus', DEPRECATED)], [note(f.reason), ...(f.use !== undefined ? [tagged('use', f.use)] : [])]));
  }
  const notes = [tagged('evidence', rendering.evidence), ...(rendering.notes !== undefined ? [note(rendering.notes)] : [])];
  return { '@_xml:lang': lang, note: notes, admin: source(rendering.source), termSec: terms };
}

/** The termbase as a TBX-Basic document. */
export function exportTbx(termbase: Termbase): string {
  const entries = termbase.entries.map((entry) => {
    const notes = [tagged('case_sensitive', entry.case_sensitive)];
    if (entry.acronym_after_full_name_on_first_use !== undefined) notes.push(tagged('acronym_after_full_name_on_first_use', entry.acronym_after_full_name_on_first_use));
    if (entry.notes !== undefined) notes.push(note(entry.notes));
    const langs = Object.entries(entry.langs).flatMap(([lang, r]) => (r ? [targetSec(lang, r)] : []));
    return { '@_id': entry.id, note: notes, admin: source(entry.source), langSec: [englishSec(entry), ...langs] };
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    tbx: {
      '@_type': 'TBX-Basic',
      '@_style': 'dca',
      '@_xml:lang': 'en',
      '@_xmlns': NS,
      tbxHeader: { fileDesc: { sourceDesc: { p: 'bitext termbase' } } },
      text: { body: { conceptEntry: entries } },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });
  return builder.build(doc) as string;
}

const V2_NAMES: Record<string, string> = { martif: 'tbx', termEntry: 'conceptEntry', langSet: 'langSec', tig: 'termSec' };
const ARRAYS = new Set(['conceptEntry', 'langSec', 'termSec', 'termNote', 'note', 'admin']);

/** Read a TBX-Basic document back into termbase entries; a malformed file is an error at file:line:col. */
export function importTbx(xml: string, file: string): EntryData[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${file}:${valid.err.line}:${valid.err.col}: invalid XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    // TBX 2008 (`martif`, as most CAT tools still export) names the same structure differently.
    transformTagName: (name) => V2_NAMES[name] ?? name,
    isArray: (name) => ARRAYS.has(name),
  });
  const root = parser.parse(xml) as { tbx?: { text?: { body?: { conceptEntry?: XmlNode[] } } } };
  const entries = (root.tbx?.text?.body?.conceptEntry ?? []).map((concept, index) => readConcept(concept, index));
  const checked = termbaseFileSchema.safeParse({ entries });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`${file}: entry ${String(issue.path[1] ?? '?')}: \`${issue.path.slice(2).join('.')}\` ${issue.message}`);
  }
  return checked.data.entries;
}

const textOf = (node: unknown): string => (typeof node === 'string' ? node : String((node as XmlNode | undefined)?.['#text'] ?? ''));
const list = (node: XmlNode, key: string): XmlNode[] => (node[key] as XmlNode[] | undefined) ?? [];

/** Split notes into `bitext:` fields and free text. */
function readNotes(node: XmlNode): { fields: Map<string, string>; text: string[] } {
  const fields = new Map<string, string>();
  const text: string[] = [];
  for (const n of list(node, 'note')) {
    const value = textOf(n);
    const field = value.startsWith(TAG) ? /^bitext:(\w+)=(.*)$/s.exec(value) : null;
    if (field) fields.set(field[1]!, field[2]!);
    else text.push(value);
  }
  return { fields, text };
}

const sourceOf = (node: XmlNode): string | undefined => list(node, 'admin').map(textOf).find(Boolean);
const typeOf = (termSecNode: XmlNode, type: string): string | undefined =>
  list(termSecNode, 'termNote').find((n) => n['@_type'] === type)?.['#text'] as string | undefined;

/** A termbase language for a TBX language code (`zh-CN` → `zh`, `zh-TW` → `zh-Hant`); undefined when bitext has none. */
export function languageOf(code: string): string | undefined {
  const tag = code.trim();
  if (tag === 'en' || /^en-/i.test(tag)) return 'en';
  if (/^zh-(Hant|TW|HK|MO)\b/i.test(tag)) return 'zh-Hant';
  const base = tag.split(/[-_]/)[0]!.toLowerCase();
  return isLanguageTag(tag) ? tag : isLanguageTag(base) ? base : undefined;
}

/** An entry id from a TBX id, made to fit the termbase's id rule. */
const idOf = (raw: unknown, index: number): string =>
  String(raw ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || `entry-${index + 1}`;

function readConcept(concept: XmlNode, index: number): unknown {
  const { fields, text } = readNotes(concept);
  const entry: Record<string, unknown> = { id: idOf(concept['@_id'], index) };
  const firstUse = fields.get('acronym_after_full_name_on_first_use');
  if (firstUse !== undefined) entry.acronym_after_full_name_on_first_use = firstUse === 'true';
  const langs: Record<string, Rendering> = {};
  for (const sec of list(concept, 'langSec')) {
    const lang = languageOf(String(sec['@_xml:lang'] ?? ''));
    const terms = list(sec, 'termSec');
    if (lang === undefined) continue; // a language bitext does not publish
    if (lang === 'en') {
      const abbreviation = terms.find((t) => ['abbreviation', 'acronym', 'shortForm'].includes(typeOf(t, 'termType') ?? ''));
      const full = terms.find((t) => typeOf(t, 'termType') === 'fullForm') ?? terms.find((t) => t !== abbreviation && typeOf(t, 'termType') === undefined);
      entry.term = textOf(abbreviation?.term ?? full?.term);
      if (abbreviation && full) entry.expansion = textOf(full.term);
      const variants = terms.filter((t) => typeOf(t, 'termType') === 'variant').map((t) => textOf(t.term));
      if (variants.length > 0) entry.variants = variants;
    } else langs[lang] = readRendering(sec, terms);
  }
  // Without bitext's own note, an acronym (no lower-case letter) is case-sensitive, a word is not.
  const caseRule = fields.get('case_sensitive');
  entry.case_sensitive = caseRule === undefined ? !/\p{Ll}/u.test(String(entry.term ?? '')) : caseRule === 'true';
  const src = sourceOf(concept);
  if (src !== undefined) entry.source = src;
  if (text.length > 0) entry.notes = text.join('\n');
  entry.langs = langs;
  return entry;
}

function readRendering(sec: XmlNode, terms: XmlNode[]): Rendering {
  const { fields, text } = readNotes(sec);
  const status = (t: XmlNode): string | undefined => typeOf(t, 'administrativeStatus');
  // Preferred first, then admitted; a term without a status (simple TBX files) counts as admitted.
  const approved = [PREFERRED, ADMITTED, undefined].flatMap((wanted) => terms.filter((t) => status(t) === wanted)).map((t) => textOf(t.term));
  const forbidden: Forbidden[] = terms
    .filter((t) => status(t) === DEPRECATED || status(t) === SUPERSEDED)
    .map((t) => {
      const notes = readNotes(t);
      const use = notes.fields.get('use');
      const reason = notes.text.join('\n') || `${status(t)} in the imported termbase`;
      return { form: textOf(t.term), reason, ...(use !== undefined ? { use } : {}) };
    });
  const evidence = fields.get('evidence');
  const rendering: Rendering = { approved, evidence: (EVIDENCE as readonly string[]).includes(evidence ?? '') ? (evidence as Evidence) : 'unverified' };
  if (forbidden.length > 0) rendering.forbidden = forbidden;
  const src = sourceOf(sec);
  if (src !== undefined) rendering.source = src;
  if (text.length > 0) rendering.notes = text.join('\n');
  return rendering;
}

/** Entries as a termbase YAML file, with the schema line editors use. */
export function termbaseYaml(entries: readonly EntryData[]): string {
  return `# yaml-language-server: $schema=./schema.json\n${stringify({ entries }, { lineWidth: 0 })}`;
}
