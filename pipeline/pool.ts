/**
 * Parsing and segmenting spread over worker threads. micromark is pure
 * JavaScript and single-threaded, so a corpus of thousands of files only uses
 * every core when files go to a bounded pool (piscina). Results come back as
 * plain data and are made into documents again on the main thread, in the
 * order asked for, so output never depends on which worker finished first.
 * The content-hash cache sits in front: an unchanged file is not parsed at all.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { Cache, docFromData, docToData, hashOf, isDocData, type DocData } from './cache.js';
import { parse, type Options as ParseOptions } from './parse.js';
import { segment } from './segment.js';
import type { Doc } from './types.js';

/** Most threads a pool starts: parsing is memory-bound beyond a handful. */
export const MAX_JOBS = 8;

/** Threads to use: `--jobs`, else `BITEXT_JOBS`, else the available cores (capped). */
export function jobsFrom(option?: string | number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = option ?? env.BITEXT_JOBS;
  if (raw === undefined || raw === '') return Math.max(1, Math.min(os.availableParallelism(), MAX_JOBS));
  const jobs = Number(raw);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new Error(`${option === undefined ? 'BITEXT_JOBS' : '--jobs'} ${String(raw)}: expected a whole number of threads from 1 to 256`);
  }
  return jobs;
}

/**
 * A worker module (path relative to this one, without extension): `.ts` under tsx or vitest, `.js` in the
 * compiled `lib/`. A `.ts` worker gets tsx's loader, found from bitext's own
 * dependencies rather than the working directory, which may be anywhere.
 */
export function workerOptions(module = './pool-worker'): { filename: string; execArgv: string[] } {
  const typescript = import.meta.url.endsWith('.ts');
  const filename = new URL(`${module}.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  // V8 heap flags given to node (`--max-semi-space-size`…) are process-wide and refused by a worker.
  const execArgv = process.execArgv.filter((arg) => !/^--(max-semi-space-size|max-old-space-size|stack-size)\b/.test(arg));
  if (!typescript) return { filename, execArgv };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: [...execArgv.filter((arg) => !arg.startsWith('--cpu-prof')), '--import', tsx] };
}

/** A document parser: reads from the cache, else parses in the pool (or in this thread with one job). */
export interface Parser {
  parse(bytes: Uint8Array, options: ParseOptions): Promise<Doc>;
  /** Stop the worker threads; the parser cannot be used afterwards. */
  close(): Promise<void>;
}

export interface Options {
  /** Working directory: the cache lives in `<cwd>/.bitext-cache/docs/`. */
  cwd: string;
  /** Worker threads; 1 parses in this thread. */
  jobs: number;
  /** Read and write the cache (default true). */
  cache?: boolean;
}

/** A parser for one command run. */
export function createParser(options: Options): Parser {
  const cache = options.cache === false ? undefined : new Cache<DocData>(options.cwd, 'docs', isDocData);
  const pool = options.jobs > 1 ? new Piscina({ ...workerOptions(), minThreads: 1, maxThreads: options.jobs, idleTimeout: 1000 }) : undefined;
  const compute = async (bytes: Uint8Array, parseOptions: ParseOptions): Promise<DocData> =>
    pool ? ((await pool.run({ bytes, options: parseOptions })) as DocData) : docToData(segment(parse(bytes, parseOptions)));
  return {
    async parse(bytes, parseOptions) {
      if (!cache) return docFromData(await compute(bytes, parseOptions));
      const key = hashOf('doc', parseOptions.path, parseOptions.slug, parseOptions.lang, bytes);
      const cached = await cache.get(key);
      if (cached) return docFromData(cached);
      const data = await compute(bytes, parseOptions);
      await cache.set(key, data);
      return docFromData(data);
    },
    async close() {
      await pool?.destroy();
    },
  };
}
