/** `bitext glossary check|fix|drift|mine|export|import`: the termbase and what it says about the translations. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCorpus } from '../load.js';
import { formatReport, hasErrors, type Format } from '../report.js';
import { writeTranslatorFile } from '../write.js';
import { alignWithTerms, glossaryCheck } from '../glossary/check.js';
import { driftReport, driftText } from '../glossary/drift.js';
import { driftHtml } from '../glossary/drift-html.js';
import { fixDocs } from '../glossary/fix.js';
import { TermIndex } from '../glossary/forms.js';
import { mine, mineText } from '../glossary/mine.js';
import { termbaseJsonSchema } from '../glossary/schema.js';
import { exportTbx, importTbx, termbaseYaml } from '../glossary/tbx.js';
import { DEFAULT_GLOSSARY, openTermbase } from '../glossary/termbase.js';
import type { Io, Register } from './io.js';

interface GlossaryOption {
  glossary: string;
}

const glossaryOption = (): Option => new Option('--glossary <dir>', 'termbase folder (an empty folder means no terms)').default(DEFAULT_GLOSSARY);
const pathsArgument = ['[paths...]', 'content folders, meeting folders or files', ['content']] as const;

/** A subcommand that reports through `io`, like the top-level ones. */
function sub(parent: Command, name: string, io: Io): Command {
  return parent
    .command(name)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addOption(glossaryOption());
}

async function index(io: Io, options: GlossaryOption): Promise<TermIndex> {
  return new TermIndex(await openTermbase(io.cwd, options.glossary));
}

export const register: Register = (program: Command, io) => {
  const glossary = program.command('glossary').description('check, fix, report and exchange the termbase (glossary/)');

  sub(glossary, 'check', io)
    .description('check the translations against the termbase only; exit 1 on errors')
    .argument(...pathsArgument)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action(async (paths: string[], options: GlossaryOption & { format: Format }) => {
      const corpus = await loadCorpus(paths, { cwd: io.cwd });
      await glossaryCheck.run(corpus, { cwd: io.cwd, glossaryDir: path.resolve(io.cwd, options.glossary), failOn: new Set() });
      const files = corpus.docs.map((doc) => doc.file);
      io.stdout(formatReport(files, options.format));
      io.exitCode = hasErrors(files) ? 1 : 0;
    });

  sub(glossary, 'fix', io)
    .description('replace forbidden variants with the approved form where unambiguous; print a unified diff')
    .argument(...pathsArgument)
    .option('--dry-run', 'print the diff without writing')
    .option('--force', 'write files that have uncommitted changes')
    .action(async (paths: string[], options: GlossaryOption & { dryRun?: boolean; force?: boolean }) => {
      const terms = await index(io, options);
      const corpus = await loadCorpus(paths, { cwd: io.cwd });
      const results = await fixDocs(corpus.docs, terms, { cwd: io.cwd, dryRun: options.dryRun === true, force: options.force === true });
      let problems = 0;
      for (const result of results) {
        io.stdout(result.patch);
        for (const left of result.left) io.stderr(`${result.path}: \`${left.text}\` at offset ${left.offset} left: ${left.reason}\n`);
        if (result.refused) io.stderr(`bitext: ${result.refused}\n`);
        problems += result.left.length + (result.refused ? 1 : 0);
      }
      const replaced = results.reduce((n, r) => n + (r.refused ? 0 : r.applied.length), 0);
      const changed = results.filter((r) => r.applied.length > 0 && !r.refused).length;
      io.stderr(`${options.dryRun ? 'would replace' : 'replaced'} ${replaced} forbidden variant(s) in ${changed} file(s)\n`);
      io.exitCode = problems > 0 ? 1 : 0;
    });

  sub(glossary, 'drift', io)
    .description('every rendering of every term in use, with places, deviating documents and the trend through git history')
    .argument(...pathsArgument)
    .option('--since <rev>', 'only the history after this git revision')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
    .action(async (paths: string[], options: GlossaryOption & { since?: string; format: 'text' | 'json' | 'html' }) => {
      const terms = await index(io, options);
      const corpus = await loadCorpus(paths, { cwd: io.cwd });
      const report = await driftReport(corpus.docs, terms, { cwd: io.cwd, paths, ...(options.since !== undefined ? { since: options.since } : {}) });
      io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : options.format === 'html' ? driftHtml(report) : driftText(report));
    });

  sub(glossary, 'mine', io)
    .description('acronyms, the names translations give them (名称（ACR）) and acronyms rendered two ways, without a termbase')
    .argument(...pathsArgument)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], options: GlossaryOption & { format: 'text' | 'json' }) => {
      const terms = await index(io, options);
      const corpus = await loadCorpus(paths, { cwd: io.cwd });
      const report = mine(corpus.docs, corpus.meetings.flatMap((m) => alignWithTerms(m, terms)), terms);
      io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : mineText(report));
    });

  sub(glossary, 'export', io)
    .description('write the termbase as TBX-Basic')
    .addOption(new Option('--format <format>', 'exchange format').choices(['tbx']).default('tbx'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: GlossaryOption & { output?: string }) => {
      const tbx = exportTbx(await openTermbase(io.cwd, options.glossary));
      if (options.output === undefined) io.stdout(tbx);
      else await writeFile(path.resolve(io.cwd, options.output), tbx, 'utf8');
    });

  sub(glossary, 'import', io)
    .description('read a TBX-Basic file into a termbase YAML file (<dir>/<name>.yaml)')
    .argument('<file>', 'a .tbx file')
    .option('-o, --output <dir>', 'termbase folder to write into (default: --glossary)')
    .option('--force', 'overwrite a termbase file that has uncommitted changes')
    .action(async (file: string, options: GlossaryOption & { output?: string; force?: boolean }) => {
      const entries = importTbx(await readFile(path.resolve(io.cwd, file), 'utf8'), file);
      const dir = path.resolve(io.cwd, options.output ?? options.glossary);
      const target = path.join(dir, `${path.basename(file, path.extname(file))}.yaml`);
      await mkdir(dir, { recursive: true });
      // The YAML names ./schema.json for editors; a new termbase folder gets it too.
      const schema = path.join(dir, 'schema.json');
      if (!existsSync(schema)) await writeFile(schema, termbaseJsonSchema(), 'utf8');
      await writeTranslatorFile(target, termbaseYaml(entries), options.force ? { force: true } : {});
      io.stderr(`wrote ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to ${path.relative(io.cwd, target)}\n`);
    });
};
