import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFlagsFor } from '../pipeline/node-flags.js';
import { ROOT } from './helpers/content.js';

const BIN = path.join(ROOT, 'bin/bitext.js');

describe('nodeFlagsFor', () => {
  it('gives build a V8 thread pool of one, unless a pool size was chosen or a debugger is attached', () => {
    expect(nodeFlagsFor(['build', '--out', 'dist'], [], {})).toEqual(['--v8-pool-size=1']);
    expect(nodeFlagsFor(['build'], ['--v8-pool-size=3'], {})).toEqual([]);
    expect(nodeFlagsFor(['build'], [], { NODE_OPTIONS: '--max-old-space-size=4096 --v8-pool-size=2' })).toEqual([]);
    expect(nodeFlagsFor(['build'], [], { NODE_OPTIONS: '--max-old-space-size=4096' })).toEqual(['--v8-pool-size=1']);
    expect(nodeFlagsFor(['build'], ['--inspect-brk'], {})).toEqual([]);
    expect(nodeFlagsFor(['check', 'content'], [], {})).toEqual([]);
    expect(nodeFlagsFor([], [], {})).toEqual([]);
  });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Command lines of the running processes that mention `text`. */
async function processesWith(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const line = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (line.includes(text)) found.push(line.replace(/\0/g, ' '));
  }
  return found;
}

describe('bin/bitext.js build, started again with the flags of nodeFlagsFor', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bitext-bin-'));
    await cp(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the site and exits as the build does', async () => {
    const built = await run(['build', '--out', 'dist', '--no-cache', '--jobs', '2'], dir);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^bitext build: 3 meetings/);
    expect((await readdir(path.join(dir, 'dist'))).sort()).toContain('index.html');
    const refused = await run(['build', '--out', '/'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the output folder must be inside the working directory');
  });

  it('passes a signal sent to it on to the build, and leaves no process or temporary folder behind', async () => {
    // Output ignored, and the end taken from 'exit': a build left running would hold a pipe open and delay 'close'.
    const child = spawn(process.execPath, [BIN, 'build', '--out', 'dist-signal', '--no-cache', '--jobs', '1'], { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Once the second Node process runs the build, the first alone is sent the signal.
    let found: string[] = [];
    // …and once the build made its temporary folder, which the signal must not leave behind.
    const temporary = async () => (await readdir(dir)).filter((name) => name.startsWith('.dist-signal.tmp-'));
    while (found.length < 2 || (await temporary()).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      found = await processesWith('dist-signal');
    }
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await processesWith('dist-signal')).toEqual([]);
    expect(await temporary()).toEqual([]);
  });
});
