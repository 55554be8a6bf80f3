/**
 * The termbase format: one zod schema, from which the types, the validation
 * of `glossary/*.yaml` and the JSON Schema editors use (`glossary/schema.json`)
 * all come.
 */
import { z } from 'zod';
import { languages, SOURCE_LANG } from '../languages.js';

const TARGET_LANGS = languages.map((l) => l.tag).filter((tag) => tag !== SOURCE_LANG) as [string, ...string[]];

const text = z.string().trim().min(1, 'expected a non-empty string');

/** How trustworthy a rendering is; reviewers weigh findings by it. */
export const EVIDENCE = ['verified', 'community', 'unverified'] as const;

const forbiddenSchema = z
  .object({
    form: text.describe('the variant as it appears in translations'),
    reason: text.describe('why it is wrong, shown to translators'),
    use: text.optional().describe('the approved form that replaces it (default: the first approved form)'),
  })
  .strict();

const renderingSchema = z
  .object({
    approved: z
      .array(text)
      .min(1, 'expected at least one approved rendering')
      .describe('approved renderings; the first is preferred, the others are accepted'),
    forbidden: z.array(forbiddenSchema).optional().describe('variants that are errors in a translation'),
    evidence: z
      .enum(EVIDENCE)
      .describe('verified: checked on a UN/IGF text; community: usage of the IGF community; unverified: not checked on any text'),
    source: text.optional().describe('where the approved rendering comes from (URL, document symbol)'),
    notes: text.optional().describe('why this rendering was chosen'),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id of letters, digits and hyphens').describe('stable id'),
    term: text.describe('the English term or acronym'),
    expansion: text.optional().describe('the English full name an acronym stands for'),
    variants: z.array(text).optional().describe('other English spellings of the term or expansion (e.g. "UN DESA")'),
    case_sensitive: z.boolean().describe('whether the term (not the expansion) matches only in its exact case: MAG is not "mag"'),
    acronym_after_full_name_on_first_use: z
      .boolean()
      .optional()
      .describe('where the English introduces the acronym, the translation writes the full name followed by it: 多利益相关方咨询小组（MAG）'),
    source: text.optional().describe('where the English term and expansion were checked'),
    notes: text.optional(),
    langs: z
      .partialRecord(z.enum(TARGET_LANGS), renderingSchema)
      .describe('renderings per target language (BCP 47 tag)'),
  })
  .strict();

/** One termbase file: a list of entries. */
export const termbaseFileSchema = z
  .object({ entries: z.array(entrySchema).describe('termbase entries') })
  .strict()
  .describe('A bitext termbase file (glossary/*.yaml)');

export type Forbidden = z.infer<typeof forbiddenSchema>;
export type Rendering = z.infer<typeof renderingSchema>;
export type EntryData = z.infer<typeof entrySchema>;
export type Evidence = (typeof EVIDENCE)[number];

/** The JSON Schema of a termbase file, as committed in `glossary/schema.json`. */
export function termbaseJsonSchema(): string {
  const schema = z.toJSONSchema(termbaseFileSchema, { target: 'draft-7' });
  return `${JSON.stringify({ ...schema, title: 'bitext termbase' }, null, 2)}\n`;
}
