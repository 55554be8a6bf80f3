/**
 * Progress of long work, always on stderr (stdout carries JSON outputs): a
 * cli-progress bar on a terminal, plain lines in CI or when stderr is not a
 * terminal, nothing with `--quiet`. Nothing shows for work done within about
 * a second, so quick commands stay silent.
 */
import cliProgress from 'cli-progress';

export interface Options {
  /** Where plain lines go (the command's stderr). */
  write: (text: string) => void;
  /** Draw a bar (stderr is a terminal and not CI); plain lines otherwise. */
  tty: boolean;
  quiet?: boolean;
  /** Milliseconds before anything shows (default 1000). */
  after?: number;
  /** Clock, in milliseconds (default `performance.now`). */
  now?: () => number;
}

/** Counts done items of one kind of work: `tick()` per item, `stop()` at the end. */
export interface Progress {
  tick(count?: number): void;
  stop(): void;
}

/** Whether progress should be a bar: stderr is a terminal and this is not a CI run. */
export function isInteractive(env: NodeJS.ProcessEnv = process.env, stream: { isTTY?: boolean } = process.stderr): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY === true && !ci;
}

/** Progress of `total` items: "<command>: <verb> <done>/<total> <noun>". */
export function progress(label: { command: string; verb: string; noun: string }, total: number, options: Options): Progress {
  if (options.quiet || total === 0) return { tick() {}, stop() {} };
  const now = options.now ?? (() => performance.now());
  const started = now();
  const after = options.after ?? 1000;
  const line = (done: number) => `${label.command}: ${label.verb} ${done}/${total} ${label.noun}`;
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  let printedStep = -1;
  return {
    tick(count = 1) {
      done = Math.min(total, done + count);
      if (now() - started < after && done < total) return;
      if (options.tty) {
        if (!bar && done < total) {
          bar = new cliProgress.SingleBar({ format: `${label.command}: ${label.verb} {bar} {value}/{total} ${label.noun}`, stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(total, done);
        } else bar?.update(done);
        return;
      }
      // One line per tenth of the work, so a CI log shows movement without a line per file.
      const step = Math.floor((done * 10) / total);
      if (step > printedStep && (printedStep >= 0 || done < total)) {
        printedStep = step;
        options.write(`${line(done)}\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** An `onProgress(done, total)` callback for loading documents, as `loadCorpus` calls it, and its `stop`. */
export function readingProgress(
  command: string,
  options: Options,
  label: { verb: string; noun: string } = { verb: 'parsed', noun: 'documents' },
): { onProgress: (done: number, total: number) => void; stop: () => void } {
  let current: Progress | undefined;
  let seen = 0;
  return {
    onProgress(done, total) {
      current ??= progress({ command, ...label }, total, options);
      current.tick(done - seen);
      seen = done;
    },
    stop: () => current?.stop(),
  };
}
