import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SegmentJson } from '../pipeline/commands/segment.js';
import { runCli } from './helpers/cli.js';
import { contentFiles, ROOT } from './helpers/content.js';

describe('bitext segment', () => {
  for (const file of contentFiles()) {
    it(`prints the segments of ${file} as JSON`, async () => {
      const { code, stdout } = await runCli(['segment', file, '--format', 'json'], ROOT);
      expect(code).toBe(0);
      const json = JSON.parse(stdout) as SegmentJson;
      expect(json.lang).toBe(path.basename(file, '.md'));
      const value = readFileSync(path.join(ROOT, file), 'utf8');
      const lines = value.split('\n');
      for (const s of json.segments) {
        expect(value.slice(s.start.offset, s.end.offset)).toBe(s.text);
        expect(lines[s.start.line - 1]!.slice(s.start.column - 1)).toBe(value.slice(s.start.offset).split('\n')[0]);
        expect(s.id).toMatch(/^s-[0-9a-f]{10}(~\d+)?$/);
      }
    });
  }

  it('prints line:col ranges, ids and texts as text', async () => {
    const { code, stdout } = await runCli(['segment', 'test/fixtures/segment/markup/input.md', '--lang', 'en'], ROOT);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^8:3-8:31\ts-[0-9a-f]{10}\tSummary of \*\*action items\*\*\.$/);
  });

  it('reports a bad file on stderr with exit code 1', async () => {
    const { code, stderr, stdout } = await runCli(['segment', 'test/fixtures/bad/2024-03-07-invalid-utf8/en.md'], ROOT);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/en\.md:8:18 error Invalid UTF-8 byte sequence at byte 113 invalid-utf8/);
  });
});
