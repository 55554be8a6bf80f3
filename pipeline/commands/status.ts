/** `bitext status`: how complete and how current every translation is. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCorpus } from '../load.js';
import { status, statusTable } from '../track-status.js';
import type { Register } from './io.js';

export const register: Register = (program: Command, io) => {
  program
    .command('status')
    .description('per meeting and language: segments translated, stale, missing, untranslated, percent complete, age of the source commit')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--content <dir>', 'content folder', 'content')
    .action(async (options: { format: 'table' | 'json'; content: string }) => {
      const corpus = await loadCorpus([path.resolve(io.cwd, options.content)], { cwd: io.cwd });
      const report = await status(corpus, { cwd: io.cwd });
      io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : statusTable(report));
    });
};
