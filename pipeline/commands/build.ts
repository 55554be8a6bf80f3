/** `bitext build`: the static multilingual site, the translated Markdown and the aligned downloads. */
import path from 'node:path';
import type { Command } from 'commander';
import { build } from '../publish/build.js';
import { jobsFrom } from '../pool.js';
import { isInteractive, readingProgress } from '../progress.js';
import type { Register } from './io.js';

export const register: Register = (program: Command, io) => {
  program
    .command('build')
    .description('build the static multilingual site (pages, action items, feed, sitemap, downloads) into a folder')
    .option('--out <dir>', 'output folder, inside the working directory (only bitext writes there)', 'dist')
    .option('--content <dir>', 'content folder', 'content')
    .option('--no-cache', 'render every meeting and replace the output whole, without reading or writing .bitext-cache/')
    .option('--site-url <url>', 'URL the site is served from, for sitemap.xml and feed.xml', 'http://localhost:8080/')
    .option('--jobs <n>', 'worker threads rendering meetings (default: BITEXT_JOBS, else the cores, at most 8)')
    .option('--quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      '\nbin/bitext.js runs the build in a second Node process with --v8-pool-size=1 in NODE_OPTIONS\n' +
        '(fewer garbage-collector threads competing with the workers), unless NODE_OPTIONS or Node\'s\n' +
        'flags already set a pool size or --inspect is given. Exit code, output and signals are the build\'s.\n' +
        'BITEXT_WORKER_HEAP_MB sets each worker\'s old-generation heap in MB (default 384, at least 64).\n' +
        'Before starting its workers the build sets V8\'s --heap-growing-percent=300 (fewer full\n' +
        'collections), unless Node\'s command line gives a growing percentage.\n',
    )
    .action(async (options: { out: string; content: string; cache: boolean; siteUrl: string; jobs?: string; quiet?: boolean }) => {
      const siteUrl = options.siteUrl.endsWith('/') ? options.siteUrl : `${options.siteUrl}/`;
      if (!URL.canParse(siteUrl)) throw new Error(`--site-url ${options.siteUrl}: expected an absolute URL such as https://example.org/bitext/`);
      const jobs = jobsFrom(options.jobs);
      const reading = readingProgress('build', { write: io.stderr, tty: isInteractive(), quiet: options.quiet === true }, { verb: 'rendered', noun: 'meetings' });
      const result = await build({ cwd: io.cwd, out: options.out, content: options.content, cache: options.cache, siteUrl, jobs, onProgress: reading.onProgress }).finally(reading.stop);
      for (const skipped of result.skipped) io.stderr(`bitext build: ${skipped} not published: it has errors (run \`bitext check ${skipped}\`)\n`);
      const meetings = `${result.meetings} meeting${result.meetings === 1 ? '' : 's'}${result.unchanged > 0 ? ` (${result.unchanged} unchanged)` : ''}`;
      io.stdout(`bitext build: ${meetings}, ${result.pages} pages, ${result.files} files → ${path.relative(io.cwd, result.out)}\n`);
      io.exitCode = 0;
    });
};
