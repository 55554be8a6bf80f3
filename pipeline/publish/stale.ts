/**
 * Whether a translation is out of date, for the banner on its page: the
 * track stage (`track()`) is the one place this comes from. Results from the
 * git history are cached under `.bitext-cache/freshness/`, keyed by the content
 * of both files: `source_commit` is in the translation and history does not
 * change, so the same pair always gives the same answer.
 */
import { Cache, hashOf } from '../cache.js';
import type { GitSession } from '../git-objects.js';
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
  /** Where results from the git history are kept; undefined for no cache. */
  cache: Cache<Freshness> | undefined;
  /** Shared git session of the run. */
  git?: GitSession;
}

/** Whether a cached value is a Freshness. */
export function isFreshness(value: unknown): value is Freshness {
  const data = value as Partial<Freshness> | null;
  return (
    typeof data === 'object' && data !== null &&
    (data.mode === 'git' || data.mode === 'hash' || data.mode === 'none') &&
    typeof data.stale === 'number' && typeof data.missing === 'number' && typeof data.outdated === 'boolean'
  );
}

/** The freshness cache of a working directory (`.bitext-cache/freshness/`). */
export function freshnessCache(cwd: string): Cache<Freshness> {
  return new Cache(cwd, 'freshness', isFreshness);
}

/** Freshness of `doc` against the English of `meeting`; undefined when it cannot be told (no source). */
export async function freshnessOf(meeting: Meeting, doc: Doc, options: Options): Promise<Freshness | undefined> {
  const source = meeting.source;
  if (!source) return undefined;
  const key = hashOf('freshness', source.value, doc.value);
  const cached = await options.cache?.get(key);
  if (cached) return cached;
  let freshness: Freshness;
  try {
    const staleness = await track(meeting, doc, { cwd: options.cwd, ...(options.git ? { git: options.git } : {}) });
    freshness = { mode: staleness.mode, stale: staleness.stale.length, missing: staleness.missing.length, outdated: staleness.outdated };
  } catch {
    // No history and no hash to compare with: the page is published without a banner rather than not at all.
    return { mode: 'none', stale: 0, missing: 0, outdated: false };
  }
  if (freshness.mode === 'git') await options.cache?.set(key, freshness);
  return freshness;
}
