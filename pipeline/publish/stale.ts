/**
 * Whether a translation is out of date, for the banner on its page: the
 * track stage (`track()`) is the one place this comes from. Results from the
 * git history are cached under `.bitext-cache/publish/`, keyed by the content
 * of both files: `source_commit` is in the translation and history does not
 * change, so the same pair always gives the same answer.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { track } from '../track.js';
import type { Doc, Meeting } from '../types.js';

/** What the banner of a translation says. */
export interface Freshness {
  mode: 'git' | 'hash' | 'none';
  /** Translated passages whose English changed or was deleted. */
  stale: number;
  /** English passages added since, with no translation. */
  missing: number;
  /** Whether the English changed at all since the translation. */
  outdated: boolean;
}

export interface Options {
  cwd: string;
  /** Cache folder; undefined for no cache. */
  cacheDir: string | undefined;
}

/** Bump when the meaning of a cached result changes. */
const CACHE_VERSION = '1';

/** Freshness of `doc` against the English of `meeting`; undefined when it cannot be told (no source). */
export async function freshnessOf(meeting: Meeting, doc: Doc, options: Options): Promise<Freshness | undefined> {
  const source = meeting.source;
  if (!source) return undefined;
  const key = createHash('sha256').update(`${CACHE_VERSION}\0${source.value}\0${doc.value}`).digest('hex');
  const cached = options.cacheDir ? await readCache(options.cacheDir, key) : undefined;
  if (cached) return cached;
  let freshness: Freshness;
  try {
    const staleness = await track(meeting, doc, { cwd: options.cwd });
    freshness = { mode: staleness.mode, stale: staleness.stale.length, missing: staleness.missing.length, outdated: staleness.outdated };
  } catch {
    // No history and no hash to compare with: the page is published without a banner rather than not at all.
    return { mode: 'none', stale: 0, missing: 0, outdated: false };
  }
  if (options.cacheDir && freshness.mode === 'git') await writeCache(options.cacheDir, key, freshness);
  return freshness;
}

async function readCache(dir: string, key: string): Promise<Freshness | undefined> {
  try {
    const data = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as Partial<Freshness>;
    if ((data.mode === 'git' || data.mode === 'hash' || data.mode === 'none') && typeof data.stale === 'number' && typeof data.missing === 'number' && typeof data.outdated === 'boolean') {
      return { mode: data.mode, stale: data.stale, missing: data.missing, outdated: data.outdated };
    }
  } catch {
    /* a missing or damaged cache entry is recomputed */
  }
  return undefined;
}

async function writeCache(dir: string, key: string, freshness: Freshness): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${key}.json`), `${JSON.stringify(freshness)}\n`);
  } catch {
    /* the cache is an optimisation: a read-only checkout still builds */
  }
}
