/** A site built from the bundled meetings plus fixture meetings, in a temporary working directory. */
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../pipeline/publish/build.js';
import { CONTENT, ROOT } from '../helpers/content.js';

export const FIXTURES = path.join(ROOT, 'test/fixtures/publish');

export interface BuiltSite extends BuildResult {
  cwd: string;
}

/** Copy `content/` and the fixture meeting folders of `fixtureSets` into a fresh folder and build it (no cache). */
export async function buildSite(fixtureSets: readonly string[] = [], out = 'dist'): Promise<BuiltSite> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-site-'));
  await cp(CONTENT, path.join(cwd, 'content'), { recursive: true });
  for (const set of fixtureSets) await cp(path.join(FIXTURES, set), path.join(cwd, 'content'), { recursive: true });
  const result = await build({ cwd, out, cache: false });
  return { ...result, cwd };
}

/** Every file under `dir`, as sorted POSIX paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Read a file of a built site as text. */
export function readSite(site: BuiltSite, file: string): Promise<string> {
  return readFile(path.join(site.out, file), 'utf8');
}
