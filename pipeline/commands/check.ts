/** `bitext check`: every check that exists, reported as text, JSON or GitHub annotations. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCorpus } from '../load.js';
import { createParser, jobsFrom } from '../pool.js';
import { isInteractive, readingProgress } from '../progress.js';
import { runChecks } from '../checks.js';
import { changedFiles } from '../git.js';
import { formatReport, hasErrors, type Format } from '../report.js';
import type { Register } from './io.js';
import type { VFile } from 'vfile';
import { applyBaseline, BASELINE_FILE, makeBaseline, readBaseline, writeBaseline } from '../baseline.js';

export const register: Register = (program: Command, io) => {
  program
    .command('check')
    .description('check front matter, Markdown and every rule of the pipeline; exit 1 on errors')
    .argument('[paths...]', 'content folders, meeting folders or files', ['content'])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--changed <ref>', 'only report files changed since this git ref (and translations of a changed en.md)')
    .option('--glossary <dir>', 'termbase folder (an empty folder means no terms)', 'glossary')
    .option('--fail-on <rules>', 'comma-separated rule ids or groups whose warnings count as errors', '')
    .option('--locales <dir>', 'locales folder (locales/<lng>/<namespace>.json)', 'locales')
    .option('--baseline <file>', 'accepted findings: errors listed there are reported as info', BASELINE_FILE)
    .option('--no-baseline', 'ignore the baseline: every error counts')
    .option('--update-baseline', 'write every current error to the baseline file and exit 0')
    .option('--jobs <n>', 'worker threads for parsing (default: BITEXT_JOBS, else the cores, at most 8)')
    .option('--no-cache', 'parse every file instead of reading .bitext-cache/')
    .option('--quiet', 'no progress on stderr')
    .action(async (paths: string[], options: { format: Format; changed?: string; glossary: string; failOn: string; locales: string; baseline: string | false; updateBaseline?: boolean; jobs?: string; cache: boolean; quiet?: boolean }) => {
      const parser = createParser({ cwd: io.cwd, jobs: jobsFrom(options.jobs), cache: options.cache });
      const reading = readingProgress('check', { write: io.stderr, tty: isInteractive(), quiet: options.quiet === true });
      const corpus = await loadCorpus(paths, { cwd: io.cwd, parser, onProgress: reading.onProgress }).finally(() => {
        reading.stop();
        return parser.close();
      });
      const others: VFile[] = [];
      await runChecks(corpus, {
        cwd: io.cwd,
        glossaryDir: path.resolve(io.cwd, options.glossary),
        localesDir: path.resolve(io.cwd, options.locales),
        files: others,
        failOn: new Set(options.failOn.split(',').map((s) => s.trim()).filter(Boolean)),
      });
      let docs = corpus.docs;
      if (options.changed !== undefined) {
        const changed = await changedFiles(io.cwd, options.changed);
        const sourceChanged = new Set(corpus.meetings.filter((m) => m.source && changed.has(path.resolve(io.cwd, m.source.file.path))).map((m) => m.slug));
        docs = docs.filter((doc) => changed.has(path.resolve(io.cwd, doc.file.path)) || sourceChanged.has(doc.slug));
      }
      const files = [...docs.map((doc) => doc.file), ...others];
      if (options.baseline !== false) {
        const baselinePath = path.resolve(io.cwd, options.baseline);
        if (options.updateBaseline) {
          const baseline = makeBaseline(files);
          await writeBaseline(baselinePath, baseline);
          io.stderr(`bitext: wrote ${baseline.entries.length} accepted finding(s) to ${options.baseline}\n`);
        }
        const baseline = await readBaseline(baselinePath);
        if (baseline) applyBaseline(files, baseline);
      }
      io.stdout(formatReport(files, options.format));
      io.exitCode = hasErrors(files) ? 1 : 0;
    });
};
