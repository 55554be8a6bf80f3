/** A termbase cannot make matching slow (entries are literals), and a malformed one is a located error. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../pipeline/glossary/matcher.js';
import { GlossaryError, loadTermbase } from '../../pipeline/glossary/termbase.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';

describe('glossary robustness', () => {
  it('treats regex-looking entries as literals (no backtracking, no pattern semantics)', () => {
    const evil = ['(a+)+$', '(a|aa)*b', '.*', '[^]', '\\d+', '^(([a-z])+.)+[A-Z]([a-z])+$'];
    const matcher = new Matcher(evil.map((text) => ({ text, caseSensitive: true, data: text })));
    const text = `${'a'.repeat(100_000)}!`;
    expect(matcher.findAll(text)).toEqual([]);
    const literal = `prefix (a+)+$ and .* here`;
    expect(matcher.findAll(literal).map((m) => m.text)).toEqual(['(a+)+$', '.*']);
  });

  it('finds every overlapping occurrence of nested terms in one pass (output-bounded work)', () => {
    const k = 40;
    const patterns = Array.from({ length: k }, (_, i) => ({ text: '会'.repeat(i + 1), caseSensitive: false, data: i }));
    const n = 3000;
    const matches = new Matcher(patterns).findAll('会'.repeat(n));
    // A term of length L occurs n - L + 1 times.
    expect(matches).toHaveLength(Array.from({ length: k }, (_, i) => n - i).reduce((a, b) => a + b, 0));
  });

  it('reports a malformed termbase at file:line:col, through the API and the CLI', async () => {
    const dir = path.join(ROOT, 'test/fixtures/glossary/malformed-yaml');
    const error = await loadTermbase(dir, 'malformed-yaml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GlossaryError);
    const problem = (error as GlossaryError).problems[0]!;
    expect(problem.line).toBeGreaterThan(0);
    expect(problem.column).toBeGreaterThan(0);
    const result = await runCli(['check', '--glossary', 'test/fixtures/glossary/malformed-yaml'], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/malformed-yaml\/[^:]+\.ya?ml:\d+:\d+/);
  });
});
