/** `bitext bump <slug> --lang <tag>`: record that a translation caught up with the current en.md. */
import { Option, type Command } from 'commander';
import { bump, type BumpResult } from '../track-update.js';
import { requireTranslation } from '../track-load.js';
import type { Register } from './io.js';

/** The JSON shape of `bitext bump --format json`. */
export interface BumpJson {
  path: string;
  previous: string | null;
  sourceCommit: string;
  sourceHash: string;
  written: boolean;
  refused: string | null;
  pending: { stale: { line: number; column: number; english: string }[]; missing: { line: number; text: string }[] };
}

/** The result of a bump in the documented JSON shape. */
export function bumpJson(result: BumpResult): BumpJson {
  return {
    path: result.path,
    previous: result.previous ?? null,
    sourceCommit: result.sourceCommit,
    sourceHash: result.sourceHash,
    written: result.written,
    refused: result.refused ?? null,
    pending: {
      stale: result.pending.stale.map((s) => ({ line: s.target[0]!.position.start.line, column: s.target[0]!.position.start.column, english: s.after })),
      missing: result.pending.missing.map((s) => ({ line: s.position.start.line, text: s.text })),
    },
  };
}

function bumpText(json: BumpJson): string {
  if (json.refused) {
    const lines = [`${json.path}: not bumped: ${json.refused}`];
    for (const s of json.pending.stale) lines.push(`${json.path}:${s.line}:${s.column} stale: ${s.english}`);
    for (const s of json.pending.missing) lines.push(`en.md:${s.line} missing: ${s.text}`);
    return `${lines.join('\n')}\n`;
  }
  if (!json.written) return `${json.path}: already at ${json.sourceCommit}\n`;
  return `${json.path}: source_commit ${json.previous ?? '(none)'} → ${json.sourceCommit}\n`;
}

export const register: Register = (program: Command, io) => {
  program
    .command('bump')
    .description('set source_commit of a translation to the last commit of en.md, once its stale segments are updated')
    .argument('<slug>', 'meeting folder name')
    .requiredOption('--lang <tag>', 'language of the translation, e.g. zh')
    .option('--force', 'bump even with segments not yet updated, and over uncommitted changes')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--content <dir>', 'content folder', 'content')
    .action(async (slug: string, options: { lang: string; force?: boolean; format: 'text' | 'json'; content: string }) => {
      const { meeting, target } = await requireTranslation(options.content, slug, options.lang, io.cwd);
      const json = bumpJson(await bump(meeting, target, { cwd: io.cwd, force: options.force ?? false }));
      io.stdout(options.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : bumpText(json));
      io.exitCode = json.refused ? 1 : 0;
    });
};
