/**
 * Whether a translation is out of date, for the banner on its page: the
 * track stage (`track()`) is the one place this comes from. A build keeps the
 * result with the meeting (see manifest.ts), so it is computed again only when
 * a file of the meeting changed, or the history did for a result made without it.
 */
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
  /** Shared git session of the run. */
  git?: GitSession;
}

/** Freshness of `doc` against the English of `meeting`; undefined when it cannot be told (no source). */
export async function freshnessOf(meeting: Meeting, doc: Doc, options: Options): Promise<Freshness | undefined> {
  if (!meeting.source) return undefined;
  try {
    const staleness = await track(meeting, doc, { cwd: options.cwd, ...(options.git ? { git: options.git } : {}) });
    return { mode: staleness.mode, stale: staleness.stale.length, missing: staleness.missing.length, outdated: staleness.outdated };
  } catch {
    // No history and no hash to compare with: the page is published without a banner rather than not at all.
    return { mode: 'none', stale: 0, missing: 0, outdated: false };
  }
}
