/**
 * The output folder of a build: written only by bitext (it holds the marker),
 * replaced whole by a full build, updated file by file by a cached one, and
 * always under a lock, so two builds at once never leave a mix.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';
import { isInside } from '../paths.js';
import { MARKER, markerId, markerText } from './manifest.js';

/** What a cached build changes in the output. */
export interface Changes {
  /** Id of the build these changes make. */
  id: string;
  /** Site paths written into the stage folder. */
  written: readonly string[];
  /** Site paths of the previous build that this one no longer has. */
  removed: readonly string[];
  /** Every site path of this build. */
  all: ReadonlySet<string>;
}

/** An existing, non-empty output folder must be a site bitext built: it will be deleted. */
export async function refuseForeign(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new Error(`--out ${out}: exists and is not a folder; refusing to replace it`);
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new Error(`--out ${out}: the folder exists and was not built by bitext (no ${MARKER}); refusing to replace it`);
  }
}

/** Write every file into a fresh temporary folder next to `out`, then replace `out` with it by renames. */
export async function writeSite(files: ReadonlyMap<string, string>, out: string): Promise<void> {
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(path.join(parent, `.${path.basename(out)}.tmp-`));
  try {
    for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = path.join(temp, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await swapIn(temp, out);
}

/** Replace `out` with the complete folder `temp` by renames, under a lock. */
export async function swapIn(temp: string, out: string): Promise<void> {
  const parent = path.dirname(out);
  // Two builds of the same tree may run at once: each writes its own temporary
  // folder, and the swap is serialised by a lock, so the output is never a mix.
  const release = await lockOut(out);
  try {
    const old = path.join(parent, `.${path.basename(out)}.old-${randomBytes(6).toString('hex')}`);
    const hadOld = existsSync(out);
    if (hadOld) await rename(out, old);
    try {
      await rename(temp, out);
    } catch (error) {
      if (hadOld) await rename(old, out);
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } finally {
    await release();
  }
}

/** The lock serialising changes to `out` (a folder beside it). */
function lockOut(out: string): Promise<() => Promise<void>> {
  const parent = path.dirname(out);
  return lock(out, {
    realpath: false,
    lockfilePath: path.join(parent, `.${path.basename(out)}.lock`),
    retries: { retries: 100, minTimeout: 50, maxTimeout: 500 },
    stale: 60_000,
  });
}

/**
 * An incremental build: move the re-rendered files from `stage` into `out`
 * (each by one rename, so every file is always whole), delete what the
 * re-rendered and removed meetings no longer have, then mark the output with
 * the new build id. The marker is cleared first, so a build interrupted half
 * way is never taken as complete: the next one rebuilds everything. False
 * when another build changed `out` since this one read it (nothing is moved).
 */
export async function applyChanges(stage: string, out: string, previousId: string, result: Changes): Promise<boolean> {
  const release = await lockOut(out);
  try {
    if ((await markerId(out)) !== previousId) return false;
    await writeFile(path.join(out, MARKER), markerText('incomplete'));
    const dirs = new Set<string>();
    for (const name of result.written) {
      const target = path.join(out, ...name.split('/'));
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      await rename(path.join(stage, ...name.split('/')), target);
    }
    for (const name of result.removed) await rm(path.join(out, ...name.split('/')), { force: true });
    // Anything else in the output (a file left there by hand) goes too: the output is the site and nothing more.
    const present = await readdir(out, { recursive: true, withFileTypes: true });
    const emptied = new Set<string>();
    for (const entry of present) {
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const name = path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!result.all.has(name)) {
        await rm(path.join(out, name), { force: true });
        emptied.add(path.dirname(path.join(out, name)));
      }
    }
    for (const name of result.removed) emptied.add(path.dirname(path.join(out, ...name.split('/'))));
    // Folders left empty (a deleted meeting's downloads) go as well; rmdir refuses a folder that is not empty.
    for (const dir of [...emptied].sort().reverse()) {
      for (let at = dir; isInside(out, at); at = path.dirname(at)) if (!(await rmdir(at).then(() => true, () => false))) break;
    }
    await writeFile(path.join(out, MARKER), markerText(result.id));
    return true;
  } finally {
    await release();
  }
}

