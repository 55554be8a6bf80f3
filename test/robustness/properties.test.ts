/**
 * Property tests of the whole pipeline on generated hostile input: published
 * HTML never carries script, and the build is deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToHast, toHtml } from '../../pipeline/publish/render.js';
import { generateSite } from '../../pipeline/publish/build.js';
import { scratchDir } from '../helpers/scratch.js';

const payload = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><script>alert(2)</script></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '[link](javascript:alert(1))',
  '[link](JaVaScRiPt:alert(1))',
  '[link](  javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[d](data:text/html,<script>alert(1)</script>)',
  '<javascript:alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<details open ontoggle=alert(1)>',
  '`<script>alert(1)</script>`',
);
const text = fc.constantFrom('The MAG met.', '会议举行。', '**bold**', '- item', '> quote', '| a | b |\n|---|---|\n| 1 | 2 |', '# Heading');
const hostile = fc.array(fc.oneof(payload, text), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('\n\n'));

/** Whether published HTML could run script: a dangerous element, an event handler, a style, or a script/data URL in a real tag. */
function executable(html: string): boolean {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? []; // escaped text (&#x3C;…) is not a tag
  return tags.some(
    (tag) =>
      /^<(?:script|iframe|svg|math|object|embed|style)\b/i.test(tag) ||
      /\son[a-z]+\s*=/i.test(tag) ||
      /\sstyle\s*=/i.test(tag) ||
      /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i.test(tag),
  );
}

describe('sanitised HTML (property)', () => {
  it('the detector recognises executable markup and ignores escaped text', () => {
    for (const bad of ['<script>x</script>', '<img src=x onerror=alert(1)>', '<a href=" javascript:x">', '<p style="x">', '<svg/>', '<img src="data:image/svg+xml,x">']) expect(executable(bad), bad).toBe(true);
    for (const fine of ['<p>&#x3C;script>alert(1)&#x3C;/script></p>', '<a href="https://un.org">onerror=x</a>', '<meta content="x">']) expect(executable(fine), fine).toBe(false);
  });

  it('never contains executable markup for hostile Markdown', () => {
    fc.assert(
      fc.property(hostile, (markdown) => {
        const html = toHtml({ type: 'root', children: markdownToHast(markdown) });
        expect(executable(html), html).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('deterministic build (property)', () => {
  const meeting = fc.record({
    title: fc.oneof(fc.string({ maxLength: 30 }), payload),
    paragraphs: fc.array(fc.oneof(text, payload), { minLength: 1, maxLength: 6 }),
  });

  it('generates byte-identical sites from the same generated corpus', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(meeting, { minLength: 1, maxLength: 3 }), async (meetings) => {
        const cwd = scratchDir('bitext-determinism-');
        meetings.forEach((m, i) => {
          const dir = path.join(cwd, 'content', `2024-01-0${i + 1}-generated-${i}`);
          mkdirSync(dir, { recursive: true });
          const front = (lang: string): string =>
            `---\ntitle: ${JSON.stringify(m.title || 'Untitled')}\ndate: "2024-01-0${i + 1}"\nmeeting: "IGF 2024 MAG, meeting ${i + 1}"\nkind: action-items\n${lang === 'en' ? '' : 'status: draft\n'}---\n\n`;
          writeFileSync(path.join(dir, 'en.md'), front('en') + m.paragraphs.join('\n\n') + '\n');
          writeFileSync(path.join(dir, 'zh.md'), front('zh') + m.paragraphs.map((p) => p.replace('The MAG met.', 'MAG 举行了会议。')).join('\n\n') + '\n');
        });
        const first = await generateSite({ cwd, cache: false });
        const second = await generateSite({ cwd, cache: false });
        expect([...second.files.keys()]).toEqual([...first.files.keys()]);
        for (const [name, content] of first.files) expect(second.files.get(name), name).toBe(content);
        for (const [name, content] of first.files) if (name.endsWith('.html')) expect(executable(content), name).toBe(false);
      }),
      { numRuns: 8 },
    );
  });
});
