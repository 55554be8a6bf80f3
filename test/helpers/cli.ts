/** Run the bitext CLI in-process, capturing output and the exit code. */
import { main } from '../../pipeline/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `bitext ...args` in `cwd`. */
export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'bitext', ...args], {
    cwd,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}
