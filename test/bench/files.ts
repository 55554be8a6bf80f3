/** The files of a benchmark corpus. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every `<lang>.md` under `<cwd>/content/`, sorted. */
export async function contentFiles(cwd: string): Promise<string[]> {
  const entries = await readdir(path.join(cwd, 'content'), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => path.join(e.parentPath, e.name)).sort();
}


/** The en/zh pairs of the corpus. */
export async function pairsOf(cwd: string): Promise<{ en: string; zh: string }[]> {
  const files = new Set(await contentFiles(cwd));
  return [...files].filter((f) => f.endsWith(`${path.sep}en.md`)).map((en) => ({ en, zh: path.join(path.dirname(en), 'zh.md') })).filter((p) => files.has(p.zh));
}
