/**
 * Finding the meeting and translation a tracking command names, with clear
 * errors for an unknown meeting, an unknown language or a missing file.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isLanguageTag, languages, SOURCE_LANG } from './languages.js';
import { loadCorpus, type Corpus } from './load.js';
import type { Doc, Meeting } from './types.js';
import { assertSlug } from './paths.js';

/** A meeting and, when it exists, its translation in one language. */
export interface Selected {
  corpus: Corpus;
  meeting: Meeting;
  target: Doc | undefined;
}

/** Check a language tag for a translation; throws a message that lists the known tags. */
export function checkLanguage(lang: string): void {
  const known = languages.map((l) => l.tag).filter((t) => t !== SOURCE_LANG);
  if (lang === SOURCE_LANG) throw new Error(`\`${lang}\` is the source language; expected a translation language: ${known.join(', ')}`);
  if (!isLanguageTag(lang)) throw new Error(`Unknown language \`${lang}\`; expected one of ${known.join(', ')}`);
}

/** Load meeting `slug` of `contentDir` and its `lang` translation; throws when the meeting or its en.md does not exist. */
export async function selectTranslation(contentDir: string, slug: string, lang: string, cwd: string): Promise<Selected> {
  checkLanguage(lang);
  assertSlug(slug);
  const content = path.resolve(cwd, contentDir);
  if (!(await stat(content).then((s) => s.isDirectory(), () => false))) throw new Error(`No content folder ${contentDir}`);
  const dir = path.join(content, slug);
  if (slug.includes('/') || slug.includes('\\') || !(await stat(dir).then((s) => s.isDirectory(), () => false))) {
    const slugs = (await readdir(content, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    throw new Error(`Unknown meeting \`${slug}\`: no folder ${path.join(contentDir, slug)}; meetings: ${slugs.join(', ') || '(none)'}`);
  }
  const corpus = await loadCorpus([dir], { cwd });
  const meeting = corpus.meetings.find((m) => path.resolve(cwd, m.dir) === dir);
  if (!meeting?.source) throw new Error(`${path.join(contentDir, slug, 'en.md')} does not exist; a translation needs its English source`);
  return { corpus, meeting, target: meeting.translations.find((d) => d.lang === lang) };
}

/** Like `selectTranslation`, but the translation must exist. */
export async function requireTranslation(contentDir: string, slug: string, lang: string, cwd: string): Promise<Selected & { target: Doc }> {
  const selected = await selectTranslation(contentDir, slug, lang, cwd);
  if (!selected.target) {
    throw new Error(`${path.join(contentDir, slug, `${lang}.md`)} does not exist; start it with \`bitext new ${slug} --lang ${lang}\``);
  }
  return { ...selected, target: selected.target };
}
