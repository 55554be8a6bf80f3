/**
 * The one catalogue of findings a user sees: rule id, severity, message, hint.
 * Stages report through `report()`, never with ad-hoc strings.
 */
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';

export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  severity: Severity;
  /** Message template; `{name}` is replaced by the parameter of that name. */
  message: string;
  hint?: string;
}

/** Every rule bitext reports, by id. Stages add their rules here. */
export const rules = {
  'read-error': { severity: 'error', message: 'Cannot read the file: {detail}' },
  'invalid-utf8': {
    severity: 'error',
    message: 'Invalid UTF-8 byte sequence at byte {byte}',
    hint: 'Save the file as UTF-8 (without BOM).',
  },
  'empty-file': { severity: 'error', message: 'The file is empty', hint: 'Add front matter and content, or delete the file.' },
  'bom': { severity: 'warning', message: 'The file starts with a byte order mark (BOM)', hint: 'Save the file as UTF-8 without BOM.' },
  'line-ending': { severity: 'warning', message: 'Line endings are {found}; expected LF', hint: 'Configure your editor (or git: core.autocrlf) to write LF.' },
  'nul-byte': { severity: 'error', message: 'The file contains a NUL byte', hint: 'Remove the control character; it is usually a copy-paste accident.' },
  'front-matter-missing': { severity: 'error', message: 'Missing front matter; expected a `---` YAML block with {keys}' },
  'front-matter-language': {
    severity: 'error',
    message: 'Front matter language `{language}` is not allowed; only YAML is read (the block was not evaluated)',
    hint: 'Write the front matter as YAML between `---` lines.',
  },
  'front-matter-yaml': { severity: 'error', message: 'Invalid YAML in front matter: {detail}' },
  'front-matter-too-large': { severity: 'error', message: 'Front matter is {size} bytes; at most {max} bytes are read' },
  'front-matter-schema': { severity: 'error', message: 'Front matter `{key}` {detail}' },
  'front-matter-unknown-key': { severity: 'warning', message: 'Unknown front matter key `{key}`; expected one of {keys}' },
  'unknown-language': {
    severity: 'error',
    message: 'Unknown language tag `{lang}` in the file name; expected one of {langs}',
    hint: 'Name translations after a BCP 47 tag, e.g. `zh.md`, `zh-Hant.md`, `fr.md`.',
  },
  'bad-slug': { severity: 'error', message: 'Meeting folder `{slug}` does not match YYYY-MM-DD-short-name' },
  'missing-source': { severity: 'error', message: 'Translation without an English source: `{expected}` does not exist' },
  'symlink-outside': { severity: 'error', message: 'Symbolic link leads outside the content folder; not read' },
  'nesting-too-deep': {
    severity: 'error',
    message: 'Lists or block quotes nested deeper than {max} levels; the document was not parsed',
    hint: 'Flatten the nesting; meeting summaries rarely need more than three levels.',
  },
  'raw-html': { severity: 'warning', message: 'Raw HTML `{html}` is not published; write Markdown instead' },
  // track stage (pipeline/track.ts, track-*.ts): the translation against the history of en.md
  'stale-segment': {
    severity: 'warning',
    message: 'Outdated translation: the English changed since {commit} from “{before}” to “{after}”',
    hint: 'Update the translation (`bitext diff` shows the word diff), then run `bitext bump`.',
  },
  'stale-removed': {
    severity: 'warning',
    message: 'Outdated translation: the English “{before}” was deleted since {commit}',
    hint: 'Delete this translation, then run `bitext bump`.',
  },
  'missing-translation': {
    severity: 'warning',
    message: 'The English added since {commit} has no translation near here: “{text}”',
    hint: 'Translate it (`bitext diff` lists where), then run `bitext bump`.',
  },
  'no-source-commit': {
    severity: 'warning',
    message: 'No `source_commit` in the front matter: whether the translation is up to date cannot be tracked',
    hint: 'Set it to the commit of en.md the translation was made from (`git log -1 --format=%H -- <en.md>`), or run `bitext bump` once it matches the current English.',
  },
  'no-source-history': {
    severity: 'info',
    message: 'No history of the English to compare with ({reason}); {fallback}',
    hint: 'Run bitext in a full clone of the repository (`git fetch --unshallow`) for segment-level tracking.',
  },
  'source-outdated': {
    severity: 'warning',
    message: 'The English changed since the translation was made (content hash {expected}, now {found}); which segments changed needs the git history',
  },
  'fuzzy-match': {
    severity: 'warning',
    message: 'Pre-filled from a fuzzy translation-memory match; review it against the English “{english}”',
    hint: 'Correct the text (editing it clears the mark) or, if it is right, remove its id from `fuzzy` in the front matter.',
  },
  // glossary stage (pipeline/glossary/)
  'glossary-forbidden-variant': {
    severity: 'error',
    message: 'Unexpected `{found}`, expected `{expected}` ({term}): {reason}',
    hint: 'Run `bitext glossary fix` to replace forbidden variants with the approved form.',
  },
  'glossary-missing-term': {
    severity: 'warning',
    message: 'The English `{english}` ({term}) has no approved rendering in this sentence; expected {expected}',
    hint: 'Use an approved rendering from the termbase (glossary/), or keep the acronym.',
  },
  'glossary-first-use': {
    severity: 'warning',
    message: 'The English introduces {term} here; expected the full name followed by the acronym: `{expected}`',
  },
  // exchange formats (pipeline/exchange/): `bitext import` of XLIFF files
  'xliff-malformed': { severity: 'error', message: 'Malformed XML: {detail}', hint: 'The file was damaged after export; fix the XML or export again.' },
  'xliff-unsupported': { severity: 'error', message: 'Not an XLIFF file bitext can import: {detail}', hint: 'Import XLIFF 2.x or 1.2 files made by `bitext export`.' },
  'import-bad-code': {
    severity: 'error',
    message: 'Segment `{id}`: inline code {ref} has no Markdown to write back',
    hint: 'Keep the tags of the source in the translation as they are; a CAT tool shows them as protected tags.',
  },
  'import-missing-file': { severity: 'error', message: 'Nothing to import into: `{path}` does not exist' },
  'import-stale-source': {
    severity: 'error',
    message: 'The English of segment `{id}` no longer matches `{path}`: the XLIFF has “{xliff}”, the file has “{current}”',
    hint: 'Export a fresh XLIFF and carry the translation over, or pass --force to import onto the current sentences anyway.',
  },
  'import-target-changed': {
    severity: 'warning',
    message: 'Segment `{id}` not imported: its translation in `{path}` changed since the export ({detail})',
    hint: 'Merge this sentence by hand, or export again and redo it in the CAT tool.',
  },
  'import-no-place': {
    severity: 'warning',
    message: 'Segment `{id}` not imported: the English has no translation in `{path}` to replace',
    hint: 'Add the sentence to the Markdown by hand; import only replaces existing sentences.',
  },
  'import-write-refused': { severity: 'error', message: 'Not written: {detail}' },
  'import-breaks-block': {
    severity: 'warning',
    message: 'Segment `{id}` not imported: its translation has {what}, which would change the Markdown structure of `{path}`',
    hint: 'Keep a translation on the lines of its block; split or join paragraphs in the Markdown itself.',
  },
  // publish stage (pipeline/locales.ts, pipeline/disclaimer.ts): page strings and the disclaimer
  'locale-invalid-json': { severity: 'error', message: 'Invalid JSON in the locale file: {detail}', hint: 'Locale files are JSON objects of nested keys; check commas and quotes.' },
  'locale-missing-key': {
    severity: 'error',
    message: 'Locale `{lng}` has no `{key}` in namespace `{ns}`; every key of `locales/en/{ns}.json` is needed',
    hint: 'Add the key with its translation (plural keys need every plural form of the language, e.g. `_one`, `_few`, `_many`, `_other`).',
  },
  'disclaimer-pasted': {
    severity: 'warning',
    message: 'This looks like the translation disclaimer ({similarity}% like the `{lng}` one); the pipeline adds it to every published translation',
    hint: 'Delete it from the Markdown: it is not translated content, and the published page would otherwise show it twice.',
  },
  // align stage (pipeline/align.ts, pipeline/qa.ts): QA checks on aligned sentence pairs
  'unaligned-source': {
    severity: 'warning',
    message: 'The English sentence “{text}” has no translation here',
    hint: 'Translate it, or check whether it was merged into a neighbouring sentence (`bitext align <slug> --lang <lang>`).',
  },
  'unaligned-target': {
    severity: 'warning',
    message: 'No English sentence matches “{text}”',
    hint: 'Remove the extra content, or mark a deliberate addition as a translator’s note (`译者注：…`).',
  },
  'number-mismatch': {
    severity: 'warning',
    message: 'The English has {missing}, the translation does not{found}',
    hint: 'Keep numbers, dates and times of the English (written with digits or as Chinese numerals).',
  },
  'link-mismatch': { severity: 'warning', message: 'Link target `{url}` {detail}', hint: 'Keep the link targets of the English.' },
  'acronym-missing': { severity: 'warning', message: 'Acronym {acronym} of the English is missing from the translation', hint: 'Keep acronyms as in the English.' },
  'markup-mismatch': { severity: 'warning', message: 'The English has {expected} {kind}, the translation {found}', hint: 'Keep the inline Markdown of the English.' },
  'untranslated-segment': { severity: 'warning', message: 'Untranslated: “{text}” {detail}' },
  'unbalanced-pair': { severity: 'warning', message: '{detail}', hint: 'Close every bracket and quotation mark in the same paragraph.' },
  'halfwidth-punctuation': {
    severity: 'warning',
    message: 'Half-width `{found}` in Chinese text; expected full-width `{expected}`',
    hint: 'Chinese text takes full-width punctuation ，；：？！',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

/** Fill `{name}` placeholders of a template. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A place in another file that a finding refers to (e.g. the English of a translated segment). */
export interface Related {
  file: string;
  place: Point | Position;
  /** What the place is, e.g. "English source". */
  note?: string;
}

export interface ReportOptions {
  params?: Record<string, string | number>;
  /** Where in the file; a point, a range, or nothing for the whole file. */
  place?: Point | Position;
  /** The matching place in the other language's file. */
  related?: Related;
  /** Severity override (e.g. `--fail-on stale` turns warnings into errors). */
  severity?: Severity;
}

/** Add a finding of `ruleId` to `file` as a vfile message. */
export function report(file: VFile, ruleId: RuleId, options: ReportOptions = {}): VFileMessage {
  const rule: Rule = rules[ruleId];
  const reason = format(rule.message, options.params);
  const message = file.message(reason, {
    ruleId,
    source: 'bitext',
    ...(options.place ? { place: options.place } : {}),
    ...(options.related ? { cause: relatedMessage(options.related) } : {}),
  });
  const severity = options.severity ?? rule.severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  if (rule.hint) message.note = rule.hint;
  return message;
}

function relatedMessage(related: Related): VFileMessage {
  const cause = new VFileMessage(related.note ?? 'matching place', { place: related.place, source: 'bitext' });
  cause.file = related.file;
  return cause;
}

/** `file:line:column` of a message's related place, if it has one. */
export function relatedPlace(message: VFileMessage): string | undefined {
  const cause = message.cause;
  if (!(cause instanceof VFileMessage) || !cause.file) return undefined;
  return `${cause.file}:${cause.line ?? 1}:${cause.column ?? 1}`;
}

/** The severity of a vfile message. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}
