import { describe, expect, it } from 'vitest';
import { isInteractive, progress, readingProgress } from '../../pipeline/progress.js';

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const label = { command: 'build', verb: 'parsed', noun: 'documents' };

describe('progress', () => {
  it('prints plain lines, one per tenth of the work, once the work lasts over a second', () => {
    const lines: string[] = [];
    const time = clock();
    const p = progress(label, 3000, { write: (s) => lines.push(s), tty: false, now: time.now });
    for (let i = 0; i < 300; i++) p.tick();
    expect(lines).toEqual([]); // the first 0.3 s show nothing
    time.advance(1200);
    for (let i = 300; i < 3000; i++) p.tick();
    p.stop();
    expect(lines[0]).toBe('build: parsed 301/3000 documents\n');
    expect(lines.at(-1)).toBe('build: parsed 3000/3000 documents\n');
    expect(lines).toHaveLength(10); // tenths 1 to 10
    expect(lines.every((l) => /^build: parsed \d+\/3000 documents\n$/.test(l))).toBe(true);
  });

  it('shows nothing for quick work, with --quiet, or for no work', () => {
    const lines: string[] = [];
    const quick = progress(label, 10, { write: (s) => lines.push(s), tty: false, now: () => 0 });
    for (let i = 0; i < 10; i++) quick.tick();
    const quiet = progress(label, 10, { write: (s) => lines.push(s), tty: false, quiet: true, after: 0 });
    for (let i = 0; i < 10; i++) quiet.tick();
    progress(label, 0, { write: (s) => lines.push(s), tty: false, after: 0 }).tick();
    expect(lines).toEqual([]);
  });

  it('follows loadCorpus callbacks (done, total) without counting twice', () => {
    const lines: string[] = [];
    const reading = readingProgress('check', { write: (s) => lines.push(s), tty: false, after: 0 });
    for (let done = 0; done <= 20; done++) reading.onProgress(done, 20);
    reading.stop();
    expect(lines.at(-1)).toBe('check: parsed 20/20 documents\n');
    expect(lines.every((l) => /^check: parsed (\d+)\/20 documents\n$/.test(l))).toBe(true);
  });

  it('draws a bar only on a terminal outside CI', () => {
    expect(isInteractive({}, { isTTY: true })).toBe(true);
    expect(isInteractive({ CI: 'true' }, { isTTY: true })).toBe(false);
    expect(isInteractive({ CI: 'false' }, { isTTY: true })).toBe(true);
    expect(isInteractive({}, { isTTY: false })).toBe(false);
    expect(isInteractive({}, {})).toBe(false);
  });
});
