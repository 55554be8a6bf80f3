/**
 * What the last build of an output folder was made from, so the next one
 * renders only what changed: per meeting folder, the content key (hash of its
 * files, the locales and bitext's version) with the summary and the file
 * list the rendering gave; the same for the listing pages, keyed by every
 * summary. Kept in `.bitext-cache/builds/`, one file per output folder. The
 * output's marker file names the build id: a manifest is used only when the
 * output still is the build it describes.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CACHE_DIR, hashOf } from '../cache.js';
import { isSiteSummary, type SiteSummary } from './summary.js';

/** The marker file bitext leaves in its output, so it never replaces a folder it did not build. */
export const MARKER = '.bitext-site';

/** One meeting folder as the last build left it. */
export interface MeetingEntry {
  /** Content key: its files, the locales, bitext's version. */
  key: string;
  /** Hash of its summary (kept in the summaries file), or '' when the meeting is not published. */
  summary: string;
  /** Its own pages. */
  pages: number;
  /** Site paths of its files, sorted. */
  files: string[];
  /** Documents left out because they have errors. */
  skipped: string[];
  /** See `MeetingResult.historyBound`. */
  historyBound: boolean;
  /** For a result bound to the history: the repository state it was made in. */
  history?: string;
}

export interface Manifest {
  schema: 2;
  /** Build id, also in the output's marker: a hash of every key, so the same content gives the same id. */
  id: string;
  /** The listing pages: key of what they were made from (every summary), their files and number of pages. */
  index: { key: string; files: string[]; pages: number };
  /** By meeting folder (relative to the working directory). */
  meetings: Record<string, MeetingEntry>;
}

/** Summaries by their hash: read only when the listing pages must be made again. */
export type Summaries = Record<string, SiteSummary>;

/** Where the manifest of the output folder `out` is kept. */
function manifestPath(cwd: string, out: string, suffix = ''): string {
  const name = hashOf('out', path.relative(cwd, out)).slice(0, 16);
  return path.join(cwd, CACHE_DIR, 'builds', `${name}${suffix}.json`);
}

function isManifest(value: unknown): value is Manifest {
  const data = value as Partial<Manifest> | null;
  return (
    typeof data === 'object' && data !== null && data.schema === 2 && typeof data.id === 'string' &&
    typeof data.index === 'object' && data.index !== null && Array.isArray(data.index.files) &&
    typeof data.meetings === 'object' && data.meetings !== null &&
    Object.values(data.meetings).every((e) => typeof e?.key === 'string' && typeof e.summary === 'string' && Array.isArray(e.files) && Array.isArray(e.skipped))
  );
}

/** The manifest of the last build into `out`, or undefined (none, damaged, another version). */
export async function readManifest(cwd: string, out: string): Promise<Manifest | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(manifestPath(cwd, out), 'utf8'));
    return isManifest(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Store the manifest atomically; a cache that cannot be written only makes the next build a full one. */
export async function writeManifest(cwd: string, out: string, manifest: Manifest): Promise<void> {
  await store(manifestPath(cwd, out), JSON.stringify(manifest));
}

/** The summaries kept with the manifest of `out` (empty when missing or damaged). */
export async function readSummaries(cwd: string, out: string): Promise<Summaries> {
  try {
    const value: unknown = JSON.parse(await readFile(manifestPath(cwd, out, '.summaries'), 'utf8'));
    if (typeof value === 'object' && value !== null && Object.values(value).every(isSiteSummary)) return value as Summaries;
  } catch {
    /* rebuilt by the caller */
  }
  return {};
}

/** Store the summaries of a build (every summary its manifest names). */
export async function writeSummaries(cwd: string, out: string, summaries: Summaries): Promise<void> {
  await store(manifestPath(cwd, out, '.summaries'), JSON.stringify(summaries));
}

async function store(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
  } catch {
    /* a read-only checkout still builds, only slower */
  }
}

/** The marker's text for build `id`. */
export function markerText(id: string): string {
  return `Built by \`bitext build\`: replaced by every build, never edit by hand.\nbuild ${id}\n`;
}

/** The build id in the marker of `out`, or undefined. */
export async function markerId(out: string): Promise<string | undefined> {
  const text = await readFile(path.join(out, MARKER), 'utf8').catch(() => '');
  return /^build ([0-9a-f]{64})$/m.exec(text)?.[1];
}
