/** The real meetings in content/, for tests that run on the bundled corpus. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CONTENT = path.join(ROOT, 'content');

/** Every `content/<slug>/<lang>.md`, as paths relative to the repository. */
export function contentFiles(): string[] {
  return readdirSync(CONTENT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(CONTENT, d.name))
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => path.join('content', d.name, f)),
    )
    .sort();
}

/** Slugs of the bundled meetings. */
export function meetingSlugs(): string[] {
  return readdirSync(CONTENT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
