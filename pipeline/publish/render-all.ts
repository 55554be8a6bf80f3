/** Rendering the meetings of a build: in a pool of worker threads when there are enough, else in this thread. */
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import { GitSession } from '../git-objects.js';
import { jobsFrom, workerOptions } from '../pool.js';
import type { Options } from './build.js';
import { renderMeeting, renderer, type MeetingResult, type MeetingTask } from './meeting.js';
import type { WorkerTask } from './meeting-worker.js';
import type { Plan, Planned } from './plan.js';

/** Meetings to render below this many are rendered in this thread: starting workers would cost more. */
const POOL_FROM = 4;

/** Young generation of a worker's heap, in MB: 128 spends about a quarter less CPU than the default (measured at 100 meetings). */
const YOUNG_GENERATION_MB = 128;

/**
 * Old generation of a worker's heap, in MB (`BITEXT_WORKER_HEAP_MB` overrides it). A meeting needs
 * far less; the limit makes V8 collect before the heap grows, which keeps a build of thousands of
 * meetings within about 1 GB.
 */
const OLD_GENERATION_MB = 384;

/**
 * V8 grows an old generation to a multiple of what survived the last full collection before it
 * collects again: 1.1 to 4 times, by its own measure of speed. A worker's survivors are mostly its
 * locales, dictionaries and code, while each meeting it renders promotes a few megabytes that soon
 * die, so the default made a worker mark its survivors 35 times in 500 meetings (2 s). Growing by
 * 300% (4 times) cut that to about 12 (0.25 s) at a peak RSS of 740–810 MB for 1,000 meetings
 * (test/bench/). The flag is the process's; one given on Node's command line is kept.
 */
export const HEAP_GROWING_PERCENT = 300;

/** The V8 flag to set for the workers' heaps, or undefined when Node's command line sets one. */
export function heapGrowingFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

function growHeapsFaster(): void {
  const flag = heapGrowingFlag(process.execArgv);
  // Read when a worker's heap is made, so it must be set before the pool starts its workers.
  if (flag) setFlagsFromString(flag);
}

function oldGenerationMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BITEXT_WORKER_HEAP_MB;
  if (raw === undefined || raw === '') return OLD_GENERATION_MB;
  const mb = Number(raw);
  // Below that, a worker can run out of heap while starting, and V8 may then stop the whole process.
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`BITEXT_WORKER_HEAP_MB ${raw}: expected a whole number of megabytes, at least 64`);
  return mb;
}


/** Render `todo` into `stage`: in a worker pool when there are enough, else in this thread. */
export async function renderAll(plan: Plan, options: Options, stage: string, planned: readonly Planned[]): Promise<Map<string, MeetingResult>> {
  let todo = planned;
  const results = new Map<string, MeetingResult>();
  const jobs = Math.max(1, Math.min(options.jobs ?? jobsFrom(), todo.length));
  let done = 0;
  options.onProgress?.(0, planned.length);
  const task = (m: Planned): MeetingTask => ({ cwd: plan.cwd, dir: m.dir, files: m.files, out: stage, fragments: plan.fragments });
  if (todo.length >= POOL_FROM) {
    const resources = options.locales ? JSON.stringify(options.locales.resources) : undefined;
    // Even with one job a worker is used: its heap can be given a young generation large enough for
    // Markdown parsing, which allocates many short-lived objects (a quarter less CPU, see test/bench/).
    growHeapsFaster();
    const pool = new Piscina({
      ...workerOptions('./publish/meeting-worker'),
      minThreads: jobs,
      maxThreads: jobs,
      idleTimeout: 1000,
      concurrentTasksPerWorker: 2,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: oldGenerationMb() },
    });
    const tooLarge: Planned[] = [];
    const outOfMemory = (error: unknown) => (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    // A worker that runs out of heap outside a task (while starting) is reported on the pool: then
    // no worker can be trusted to start, the pool is stopped and the rest is rendered in this thread.
    let broken: unknown;
    pool.on('error', (error: unknown) => {
      broken ??= error;
      void pool.destroy();
    });
    try {
      await Promise.all(
        todo.map(async (m) => {
          const job: WorkerTask = { ...task(m), resources };
          try {
            results.set(m.name, (await pool.run(job)) as MeetingResult);
            options.onProgress?.(++done, planned.length);
          } catch (error) {
            // A meeting larger than a worker's heap stops that worker: it is rendered in this thread instead.
            if (!outOfMemory(error) && !(broken !== undefined && outOfMemory(broken))) throw broken ?? error;
            tooLarge.push(m);
          }
        }),
      );
    } finally {
      await pool.destroy().catch(() => undefined);
    }
    if (broken !== undefined && !outOfMemory(broken)) throw broken;
    if (tooLarge.length === 0) return results;
    todo = tooLarge.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  const git = new GitSession();
  try {
    const shared = renderer(plan.locales, git);
    for (const m of todo) {
      results.set(m.name, await renderMeeting(task(m), shared));
      options.onProgress?.(++done, planned.length);
    }
  } finally {
    git.close();
  }
  return results;
}

