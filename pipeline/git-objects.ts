/**
 * Many git object reads through one process. A build asks for the English of
 * every translation at its `source_commit`: one `git cat-file -e` plus one
 * `git show` per translation costs two process starts each (about 10 ms), so
 * thousands of translations spend most of their time starting git. One
 * `git cat-file --batch` per repository answers every read over a pipe, and
 * the work tree top of a folder is found once per repository, not once per file.
 *
 * Written here because no maintained npm package speaks the `--batch`
 * protocol (a header line `<oid> <type> <size>`, the bytes, a newline; or
 * `<name> missing`) without also bundling a git implementation of its own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { git, isRepository } from './git.js';

/** An object as `git cat-file --batch` gives it. */
export interface GitObject {
  type: string;
  bytes: Buffer;
}

interface Pending {
  resolve(value: GitObject | undefined): void;
  reject(error: Error): void;
}

/** Reads objects of one repository through a single `git cat-file --batch`, started on first use. */
export class ObjectReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private failed: Error | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(readonly top: string, private readonly idleMs = 2000) {}

  /** The object a revision names (`<commit>:<path>`, `<commit>^{commit}`, a blob id…), or undefined when git does not have it. */
  read(name: string): Promise<GitObject | undefined> {
    // The protocol is line-based: a name with a line break could inject a second request.
    if (/[\r\n]/.test(name) || name.trim() !== name || name === '') return Promise.resolve(undefined);
    if (this.failed) return Promise.reject(this.failed);
    const child = this.start();
    if (this.idle) clearTimeout(this.idle);
    if (this.queue.length === 0) this.hold(child, true);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  /** End the git process (it exits when its input closes); reads still waiting are rejected. */
  close(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const child = this.child;
    this.child = undefined;
    for (const pending of this.queue.splice(0)) pending.reject(new Error(`git cat-file --batch in ${this.top}: closed`));
    child?.stdin.end();
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.top, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.buffer = Buffer.alloc(0);
    // Events of a process this reader has since closed (and maybe replaced) are not its business any more.
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    const fail = (error: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on('error', (error) => fail(error));
    // Writing to a git that already exited (not a repository, say) fails with EPIPE: the read fails, not the process.
    child.stdin.on('error', (error) => fail(new Error(`git cat-file --batch in ${this.top}: ${error.message}`)));
    child.on('close', (code) => fail(new Error(`git cat-file --batch in ${this.top} exited with ${code}: ${stderr.trim()}`)));
    return child;
  }

  /** Answer queued reads from the bytes received so far, in the order they were asked. */
  private drain(): void {
    while (this.queue.length > 0) {
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      const missing = / (missing|ambiguous)$/.exec(header);
      if (missing || header.endsWith(' dangling') || header.startsWith('dangling ')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.queue.shift()!.resolve(undefined);
        continue;
      }
      const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!match) {
        this.failed = new Error(`git cat-file --batch in ${this.top}: unexpected answer ${JSON.stringify(header)}`);
        for (const pending of this.queue.splice(0)) pending.reject(this.failed);
        this.close();
        return;
      }
      const size = Number(match[2]);
      if (this.buffer.length < newline + 1 + size + 1) return;
      const bytes = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + size));
      this.buffer = this.buffer.subarray(newline + 1 + size + 1);
      this.queue.shift()!.resolve({ type: match[1]!, bytes });
    }
    if (this.queue.length === 0) {
      if (this.child) this.hold(this.child, false);
      this.idle = setTimeout(() => this.close(), this.idleMs);
      this.idle.unref();
    }
  }

  /** Keep the process alive while reads are pending, and only then: an idle reader must not stop Node from exiting. */
  private hold(child: ChildProcessWithoutNullStreams, pending: boolean): void {
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void; unref?: () => void }[]) {
      if (pending) handle.ref?.();
      else handle.unref?.();
    }
  }
}

/**
 * The git queries of one run, shared: the repository of each folder (found
 * by the nearest `.git` above it and confirmed by git once per repository)
 * and one object reader per repository.
 */
export class GitSession {
  private readonly tops = new Map<string, Promise<string | undefined>>();
  private readonly confirmed = new Map<string, Promise<string | undefined>>();
  private readonly readers = new Map<string, ObjectReader>();

  /** Work tree top of the repository `dir` is in, or undefined outside one. */
  topOf(dir: string): Promise<string | undefined> {
    let found = this.tops.get(dir);
    if (!found) this.tops.set(dir, (found = this.lookUp(dir)));
    return found;
  }

  /** The object reader of a repository. */
  objects(top: string): ObjectReader {
    let reader = this.readers.get(top);
    if (!reader) this.readers.set(top, (reader = new ObjectReader(top)));
    return reader;
  }

  /** End every git process of this session. */
  close(): void {
    for (const reader of this.readers.values()) reader.close();
    this.readers.clear();
  }

  private async lookUp(dir: string): Promise<string | undefined> {
    const real = await realpath(dir).catch(() => dir);
    // git's own discovery walks up to the nearest `.git` (a folder, or a file in a worktree or submodule).
    for (let at = real; ; at = path.dirname(at)) {
      if (existsSync(path.join(at, '.git'))) return this.confirm(at);
      if (path.dirname(at) === at) break;
    }
    // No `.git` above: GIT_DIR or another setting may still make it a work tree; ask git.
    return (await isRepository(real)) ? (await git(real, ['rev-parse', '--show-toplevel'])).trim() : undefined;
  }

  /** Ask git once per candidate top, so settings such as `safe.directory` are honoured as everywhere else. */
  private confirm(candidate: string): Promise<string | undefined> {
    let top = this.confirmed.get(candidate);
    if (!top) {
      top = isRepository(candidate).then(async (inside) => (inside ? (await git(candidate, ['rev-parse', '--show-toplevel'])).trim() : undefined));
      this.confirmed.set(candidate, top);
    }
    return top;
  }
}
