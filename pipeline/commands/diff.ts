/** `bitext diff <slug> --lang <tag>`: the English changes behind each stale segment, beside the translation to edit. */
import { Option, type Command } from 'commander';
import { trackDetails } from '../track.js';
import { diffReport, renderDiff, type Format } from '../track-diff.js';
import { requireTranslation } from '../track-load.js';
import type { Register } from './io.js';

export const register: Register = (program: Command, io) => {
  program
    .command('diff')
    .description('word diff of the English behind each stale segment of a translation, with file:line to edit')
    .argument('<slug>', 'meeting folder name, e.g. 2024-02-27-first-open-consultations-mag')
    .requiredOption('--lang <tag>', 'language of the translation, e.g. zh')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'html', 'json']).default('text'))
    .option('--content <dir>', 'content folder', 'content')
    .option('--color', 'colour the text format (default: when standard output is a terminal)')
    .option('--no-color', 'never colour')
    .action(async (slug: string, options: { lang: string; format: Format; content: string; color?: boolean }) => {
      const { meeting, target } = await requireTranslation(options.content, slug, options.lang, io.cwd);
      const report = diffReport(meeting, target, await trackDetails(meeting, target, { cwd: io.cwd }));
      const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
      io.stdout(renderDiff(report, options.format, { color }));
    });
};
