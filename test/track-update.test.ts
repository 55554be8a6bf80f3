import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits } from '../pipeline/edits.js';
import { frontMatterEdits, textId } from '../pipeline/track-update.js';
import { wordDiff } from '../pipeline/track-diff.js';

const HASH = 'a'.repeat(40);
const set = (value: string, entries: [string, string][]): string => applyEdits(value, frontMatterEdits(value, entries)).output;

describe('frontMatterEdits', () => {
  it('replaces just the value, keeping its quotes and everything around it', () => {
    const double = '---\ntitle: "T"\nsource_commit: "0123456"   # from en.md\nstatus: draft\n---\n\nBody.\n';
    expect(set(double, [['source_commit', HASH]])).toBe(double.replace('"0123456"', `"${HASH}"`));
    const single = "---\nsource_commit: '0123456'\n---\nBody\n";
    expect(set(single, [['source_commit', HASH]])).toBe(`---\nsource_commit: '${HASH}'\n---\nBody\n`);
    const plain = '---\nsource_commit: 0123456\n---\n';
    expect(set(plain, [['source_commit', HASH]])).toBe(`---\nsource_commit: ${HASH}\n---\n`);
  });

  it('adds a missing key after the previous entry, with the file’s line endings and BOM kept', () => {
    const crlf = '\uFEFF---\r\ntitle: "T"\r\nsource_commit: "0123456"\r\nstatus: draft\r\n---\r\nBody\r\n';
    expect(set(crlf, [['source_commit', HASH], ['source_hash', HASH]])).toBe(
      `\uFEFF---\r\ntitle: "T"\r\nsource_commit: "${HASH}"\r\nsource_hash: "${HASH}"\r\nstatus: draft\r\n---\r\nBody\r\n`,
    );
    expect(set('---\ntitle: "T"\n---\nBody\n', [['source_commit', HASH], ['source_hash', HASH]])).toBe(`---\ntitle: "T"\nsource_commit: "${HASH}"\nsource_hash: "${HASH}"\n---\nBody\n`);
  });

  it('leaves the body byte for byte, whatever it holds (property)', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        const value = `---\ntitle: "T"\nsource_commit: "0123456"\n---\n${body}`;
        const out = set(value, [['source_commit', HASH]]);
        expect(out.endsWith(`\n---\n${body}`)).toBe(true);
        expect(out.length).toBe(value.length + HASH.length - 7);
      }),
    );
  });

  it('refuses what it cannot edit safely', () => {
    expect(() => frontMatterEdits('no front matter\n', [['source_commit', HASH]])).toThrow(/no front matter/);
    expect(() => frontMatterEdits('---\ntitle: x\n', [['source_commit', HASH]])).toThrow(/not closed/);
    expect(() => frontMatterEdits('---\nsource_commit: [a, b]\n---\n', [['source_commit', HASH]])).toThrow(/not a single value/);
  });

  it('reads the text hash of a segment id', () => {
    expect(textId('s-1a2b3c4d5e~3')).toBe('s-1a2b3c4d5e');
    expect(textId('s-1a2b3c4d5e')).toBe('s-1a2b3c4d5e');
  });
});

describe('wordDiff', () => {
  const show = (before: string, after: string): string =>
    wordDiff(before, after)
      .map((c) => (c.removed ? `[-${c.value}-]` : c.added ? `{+${c.value}+}` : c.value))
      .join('');

  it('diffs English by words and merges short equalities between edits', () => {
    expect(show('for sessions other than workshops.', 'for all sessions, including workshops.')).toBe('for {+all +}sessions[- other than -]{+, including +}workshops.');
    expect(show('The results of the call.', 'The final results of the call.')).toBe('The {+final +}results of the call.');
  });

  it('diffs Chinese by characters', () => {
    expect(show('会议于2月27日举行。', '会议于2月28日在线举行。')).toBe('会议于2月2[-7日-]{+8日在线+}举行。');
  });

  it('always rebuilds both texts (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = wordDiff(a, b);
        expect(parts.filter((p) => !p.added).map((p) => p.value).join('')).toBe(a);
        expect(parts.filter((p) => !p.removed).map((p) => p.value).join('')).toBe(b);
      }),
    );
  });
});
