/** The languages bitext knows: BCP 47 tag, script family for segmentation, direction. */

export type Script = 'latin' | 'cjk' | 'arabic' | 'cyrillic';

export interface Language {
  tag: string;
  /** English name, for messages; page strings come from the locales. */
  name: string;
  script: Script;
  dir: 'ltr' | 'rtl';
}

export const SOURCE_LANG = 'en';

export const languages: readonly Language[] = [
  { tag: 'en', name: 'English', script: 'latin', dir: 'ltr' },
  { tag: 'zh', name: 'Chinese (Simplified)', script: 'cjk', dir: 'ltr' },
  { tag: 'zh-Hant', name: 'Chinese (Traditional)', script: 'cjk', dir: 'ltr' },
  { tag: 'fr', name: 'French', script: 'latin', dir: 'ltr' },
  { tag: 'es', name: 'Spanish', script: 'latin', dir: 'ltr' },
  { tag: 'ru', name: 'Russian', script: 'cyrillic', dir: 'ltr' },
  { tag: 'ar', name: 'Arabic', script: 'arabic', dir: 'rtl' },
];

const byTag = new Map(languages.map((language) => [language.tag, language]));

/** The language of a tag, or undefined when bitext does not know it. */
export function getLanguage(tag: string): Language | undefined {
  return byTag.get(tag);
}

/** Whether `tag` is one of the supported BCP 47 tags (exact, case-sensitive as in file names). */
export function isLanguageTag(tag: string): boolean {
  return byTag.has(tag);
}

/** Script family of a tag; unknown tags segment like Latin text. */
export function scriptOf(tag: string): Script {
  return byTag.get(tag)?.script ?? 'latin';
}
