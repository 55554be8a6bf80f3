/** A copy of the bundled content in a fresh working directory, and a digest of a built site. */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { CONTENT } from '../helpers/content.js';
import { listFiles } from '../publish/site.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** A temporary working directory holding a copy of `content/`, removed when the test file ends. */
export async function copyOfContent(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-perf-'));
  made.push(cwd);
  await cp(CONTENT, path.join(cwd, 'content'), { recursive: true });
  return cwd;
}

/** Every file of a folder with the sha256 of its bytes, sorted by path. */
export async function digest(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) result[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return result;
}
