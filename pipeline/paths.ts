/**
 * Path safety: slugs, language tags and output folders given on the command
 * line are checked before any file is read or written, so nothing is ever
 * read from or written outside the content or output folder.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isLanguageTag, languages } from './languages.js';

export const SLUG_PATTERN = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A path refused because it would leave its root, or a malformed slug or language tag. */
export class UnsafePath extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePath';
  }
}

/** Throw unless `slug` is a meeting folder name `YYYY-MM-DD-short-name`. */
export function assertSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug)) throw new UnsafePath(`Invalid meeting slug "${slug}": expected YYYY-MM-DD-short-name (lower-case letters, digits, hyphens)`);
  return slug;
}

/** Throw unless `tag` is a supported language tag. */
export function assertLang(tag: string): string {
  if (!isLanguageTag(tag)) throw new UnsafePath(`Unknown language "${tag}": expected one of ${languages.map((l) => l.tag).join(', ')}`);
  return tag;
}

/** Whether `child` is `root` or lies under it (both absolute, normalised). */
export function isInside(root: string, child: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Resolve `candidate` against `root`; throw if it leaves `root` (also through symlinks that exist). */
export function resolveInside(root: string, candidate: string, what = 'path'): string {
  const base = path.resolve(root);
  const target = path.resolve(base, candidate);
  if (!isInside(base, target)) throw new UnsafePath(`Refusing ${what} "${candidate}": it is outside ${base}`);
  const real = realExisting(target);
  const realBase = realExisting(base);
  if (!isInside(realBase, real)) throw new UnsafePath(`Refusing ${what} "${candidate}": a symbolic link leads outside ${base}`);
  return target;
}

/** The real path of the longest existing ancestor of `p`, with the rest appended. */
function realExisting(p: string): string {
  const rest: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return p;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** `content/<slug>/<lang>.md`, checked: valid slug and tag, inside the content folder. */
export function documentPath(contentDir: string, slug: string, lang: string): string {
  return resolveInside(contentDir, path.join(assertSlug(slug), `${assertLang(lang)}.md`), 'document');
}

/** An output folder inside the working directory (refuses `..`, outside absolute paths and the working directory itself). */
export function outputDir(cwd: string, out: string): string {
  const target = resolveInside(cwd, out, 'output folder');
  if (path.resolve(cwd) === target) throw new UnsafePath(`Refusing output folder "${out}": it is the working directory itself`);
  return target;
}
