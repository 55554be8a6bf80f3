/** The `bitext` command line: parse arguments, run the pipeline, report, set the exit code. */
import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import type { Io } from './commands/io.js';

/** package.json of bitext, found from this module whether it runs from pipeline/ or compiled in lib/pipeline/. */
function readPackage(): { version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8')) as { version: string };
  }
  return { version: '0.0.0' };
}

const pkg = readPackage();

/** Build the program with every subcommand registered on `io`. */
export function createProgram(io: Io): Command {
  const program = new Command('bitext')
    .description('Checked, aligned, published translations of Markdown meeting summaries')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const register of commands) register(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  return program;
}

/** Run bitext with `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: readonly string[], io: Partial<Io> = {}): Promise<number> {
  const state: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    exitCode: 0,
    ...io,
  };
  try {
    await createProgram(state).parseAsync([...argv]);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    state.stderr(`bitext: ${(error as Error).message}\n`);
    return 2;
  }
}
