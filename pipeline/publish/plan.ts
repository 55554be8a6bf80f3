/** What a build is made from: the meeting folders of the content, each with the key of everything it is rendered from. */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR, hashOf } from '../cache.js';
import { SOURCE_LANG } from '../languages.js';
import { findMeetings } from '../load.js';
import { defaultLocales, type Locales } from '../locales.js';
import type { Options } from './build.js';

/** One meeting folder of the content, with the key of everything it is rendered from. */
export interface Planned {
  /** Folder relative to the working directory, with `/`: the meeting's name in the manifest. */
  name: string;
  dir: string;
  files: string[];
  key: string;
}

export interface Plan {
  cwd: string;
  locales: Locales;
  /** Hash of the locale resources, part of every key. */
  localesKey: string;
  meetings: Planned[];
  /** Folder of summary fragments: in the cache, or a temporary one removed after the build. */
  fragments: string;
  /** Whether `fragments` is a temporary folder. */
  temporaryFragments: boolean;
}

/** Find the meetings and hash their files. */
export async function planBuild(options: Options, cwd: string, stage: string): Promise<Plan> {
  const locales = options.locales ?? defaultLocales();
  const localesKey = hashOf('locales', JSON.stringify(locales.resources));
  const { byDir } = await findMeetings([options.content ?? 'content'], cwd);
  const meetings: Planned[] = [];
  for (const dir of [...byDir.keys()].sort()) {
    const files = [...byDir.get(dir)!].sort();
    const name = path.relative(cwd, dir).split(path.sep).join('/');
    const parts: (string | Uint8Array)[] = ['meeting', localesKey, name];
    // The English is read even when it is not among the files found (loadMeeting does the same).
    const source = path.join(dir, `${SOURCE_LANG}.md`);
    // Read synchronously: one file after another through fs/promises took about a second for 3,000 files.
    for (const file of files.includes(source) ? files : [source, ...files]) parts.push(path.basename(file), readOrEmpty(file));
    meetings.push({ name, dir, files, key: hashOf(...parts) });
  }
  const temporaryFragments = options.cache === false;
  const fragments = temporaryFragments ? `${stage}.fragments` : path.join(cwd, CACHE_DIR, 'fragments');
  await mkdir(fragments, { recursive: true });
  return { cwd, locales, localesKey, meetings, fragments, temporaryFragments };
}

/** A file's bytes; none when it cannot be read (the meeting's render reports why). */
function readOrEmpty(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    return new Uint8Array(0);
  }
}
