import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importXliff } from '../../pipeline/exchange/import.js';
import { exportXliff } from '../../pipeline/exchange/xliff.js';
import { readXliff } from '../../pipeline/exchange/read.js';
import { handAligned } from './hand-aligned.js';
import { runCli } from '../helpers/cli.js';
import { meetingSlugs, ROOT } from '../helpers/content.js';
import { loadCorpus } from '../../pipeline/load.js';
import { alignMeeting } from '../../pipeline/align.js';
import { commitAll, read, replaceOnce, tempRepo } from './repo.js';

const MEETING = '2024-12-15-nris-brochure';
const ZH = `content/${MEETING}/zh.md`;
const EN = `content/${MEETING}/en.md`;
const MARKUP = path.join(ROOT, 'test/fixtures/exchange/markup/content/2024-05-01-markup');

/** Export a meeting of the temporary repository to `x.xlf` and return the XML. */
async function exportTo(dir: string, slug: string, format: 'xliff' | 'xliff12'): Promise<string> {
  const result = await runCli(['export', slug, '--lang', 'zh', '--format', format, '-o', 'x.xlf'], dir);
  expect(result.code).toBe(0);
  return read(dir, 'x.xlf');
}

describe.each(['xliff', 'xliff12'] as const)('bitext import (%s)', (format) => {
  it('changes exactly the one sentence whose target changed, everything else byte for byte', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const before = read(dir, ZH);
    await exportTo(dir, MEETING, format);
    const old = '每年的互联网治理论坛年会都会吸引来自全球各地的利益相关方齐聚一堂，共同探讨最为紧迫的互联网治理议题。';
    const next = '每年，互联网治理论坛年会汇聚全球利益相关方，探讨最紧迫的互联网治理议题 & <其他>。';
    replaceOnce(dir, 'x.xlf', `>${old}<`, `>${next.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}<`);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Updated 1 segment\(s\) of content\/2024-12-15-nris-brochure\/zh\.md; \d+ unchanged\n$/);
    const at = before.indexOf(old);
    expect(at).toBeGreaterThan(0);
    expect(read(dir, ZH)).toBe(before.slice(0, at) + next + before.slice(at + old.length));
  });

  it('leaves the file untouched when no target changed, and a second import of the same file changes nothing', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const before = read(dir, ZH);
    await exportTo(dir, MEETING, format);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Updated 0 segment\(s\)/);
    expect(read(dir, ZH)).toBe(before);
  });

  it('refuses an XLIFF whose English no longer matches en.md, unless forced', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    await exportTo(dir, MEETING, format);
    replaceOnce(dir, 'x.xlf', '>互联网治理论坛<', '>互联网治理论坛（IGF）<');
    replaceOnce(dir, EN, '# Internet Governance Forum', '# The Internet Governance Forum');
    commitAll(dir);
    const before = read(dir, ZH);
    const refused = await runCli(['import', 'x.xlf'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^x\.xlf:\d+:\d+ error The English of segment `s-[0-9a-f]{10}` no longer matches `content\/2024-12-15-nris-brochure\/en\.md`: the XLIFF has “Internet Governance Forum”, the file has “\(deleted\)” import-stale-source/);
    expect(read(dir, ZH)).toBe(before);
    const forced = await runCli(['import', 'x.xlf', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(read(dir, ZH)).toBe(before.replace('# 互联网治理论坛\n', '# 互联网治理论坛（IGF）\n'));
  });

  it('refuses to write over uncommitted changes without --force', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    await exportTo(dir, MEETING, format);
    replaceOnce(dir, 'x.xlf', '>互联网治理论坛<', '>互联网治理论坛论坛<');
    replaceOnce(dir, ZH, '*2019 年 IGF 论坛开幕致辞*', '*2019 年 IGF 开幕致辞*');
    const edited = read(dir, ZH);
    const refused = await runCli(['import', 'x.xlf'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('zh.md: has uncommitted changes');
    expect(refused.stderr).toContain('import-write-refused');
    expect(read(dir, ZH)).toBe(edited);
    const forced = await runCli(['import', 'x.xlf', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(read(dir, ZH)).toBe(edited.replace('# 互联网治理论坛\n', '# 互联网治理论坛论坛\n'));
  });

  it('turns the codes of the target back into the Markdown of links, bold, inline code and footnotes', async () => {
    const dir = tempRepo([MARKUP]);
    const file = 'content/2024-05-01-markup/zh.md';
    const before = read(dir, file);
    const xml = await exportTo(dir, '2024-05-01-markup', format);
    // Move the words inside and around the codes; the tags stay as the CAT tool shows them.
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace('于5月1日在', '5月1日于').replace('>利雅得<', '>利雅德<').replace('提交前请运行', '提交之前，请运行'));
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, file)).toBe(
      before.replace(
        '**MAG**于5月1日在[利雅得](https://example.org/riyadh "Host city")举行会议。提交前请运行`bitext check`。[^1]',
        '**MAG**5月1日于[利雅德](https://example.org/riyadh "Host city")举行会议。提交之前，请运行`bitext check`。[^1]',
      ),
    );
  });
});

describe('bitext import of bad files', () => {
  it('locates malformed XML at line:column and writes nothing', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff');
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace('<target>互联网治理论坛</target>', '<target>互联网治理论坛<b></target>'));
    const before = read(dir, ZH);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^x\.xlf:\d+:\d+ error Malformed XML: Expected closing tag 'b' .* xliff-malformed/);
    expect(read(dir, ZH)).toBe(before);
  });

  it('refuses a code whose Markdown is missing, and files that are not XLIFF', async () => {
    const dir = tempRepo([MARKUP]);
    const xml = await exportTo(dir, '2024-05-01-markup', 'xliff');
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace('<target><pc id="1" dataRefStart="d1"', '<target><pc id="1" dataRefStart="d9"'));
    const bad = await runCli(['import', 'x.xlf'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Segment `s-[0-9a-f]{10}`: inline code d9 has no Markdown to write back import-bad-code/);
    writeFileSync(path.join(dir, 'y.xml'), '<?xml version="1.0"?><tmx version="1.4"><body/></tmx>');
    const other = await runCli(['import', 'y.xml'], dir);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('xliff-unsupported');
    const missing = await runCli(['import', 'nothing.xlf'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('read-error');
  });

  it('reports a sentence changed in the Markdown since the export instead of overwriting it', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    await exportTo(dir, MEETING, 'xliff');
    replaceOnce(dir, 'x.xlf', '>互联网治理论坛<', '>互联网治理论坛（新）<');
    replaceOnce(dir, ZH, '# 互联网治理论坛\n', '# 互联网治理论坛（旧）\n');
    commitAll(dir);
    const result = await importXliff('x.xlf', { cwd: dir });
    expect(result.written).toBe(false);
    expect(result.file.messages.map((m) => m.ruleId)).toEqual(['import-target-changed']);
    expect(read(dir, ZH)).toContain('# 互联网治理论坛（旧）\n');
  });
});

describe('bitext import of sentences that had no translation', () => {
  it('inserts a new translation next to the translated sentence of the same block, once', async () => {
    const dir = tempRepo([MARKUP]);
    const file = 'content/2024-05-01-markup/zh.md';
    const before = read(dir, file);
    const alignment = await handAligned();
    const xml = exportXliff(alignment, '2.1');
    const untranslated = alignment.source.segments[5]!.id;
    const heading = alignment.source.segments[0]!.id;
    const filled = xml
      .replace(new RegExp(`(<segment id="${untranslated}" state="initial">.*?)</segment>`), '$1<target>新的句子。</target></segment>')
      .replace(new RegExp(`(<segment id="${heading}" state="initial">.*?)</segment>`), '$1<target>标题</target></segment>');
    writeFileSync(path.join(dir, 'x.xlf'), filled);
    const first = await importXliff('x.xlf', { cwd: dir });
    expect(first.written).toBe(true);
    expect(first.file.messages.map((m) => m.ruleId)).toEqual(['import-no-place']); // the heading's block has no translation at all
    const anchor = alignment.target.segments[5]!;
    expect(read(dir, file)).toBe(before.slice(0, anchor.end) + '新的句子。' + before.slice(anchor.end));
    commitAll(dir);
    const second = await importXliff('x.xlf', { cwd: dir });
    expect(second.edits).toEqual([]);
  });
});

describe('readXliff on hostile input', () => {
  it('never fetches external entities and never expands entity bombs', () => {
    expect(() => readXliff('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><xliff version="2.1"><file id="x"><unit id="u"><segment id="s"><source>&a;</source></segment></unit></file></xliff>')).toThrow(
      expect.objectContaining({ ruleId: 'xliff-malformed' }),
    );
    const entities = Array.from({ length: 8 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">${entities}]><xliff version="2.1" srcLang="en" trgLang="zh"><file id="x"><unit id="u"><segment id="s-a"><source>&l8;</source></segment></unit></file></xliff>`;
    let length = 0;
    try {
      length = JSON.stringify(readXliff(bomb)).length;
    } catch (error) {
      expect(error).toMatchObject({ name: 'XliffError' });
    }
    expect(length).toBeLessThan(10_000);
  });
});

describe.each(meetingSlugs())('import of an exported %s', (slug) => {
  it.each(['2.1', '1.2'] as const)('XLIFF %s changes nothing when nothing changed, and exactly every target when all did', async (version) => {
    const dir = tempRepo([path.join(ROOT, 'content', slug)]);
    const file = `content/${slug}/zh.md`;
    const before = read(dir, file);
    const { meetings } = await loadCorpus([path.join(dir, 'content', slug)], { cwd: dir });
    const xml = exportXliff(alignMeeting(meetings[0]!)[0]!, version);
    writeFileSync(path.join(dir, 'x.xlf'), xml);
    const same = await importXliff('x.xlf', { cwd: dir });
    expect(same.file.messages).toEqual([]);
    expect(same.edits).toEqual([]);
    // Append a mark to every translated segment (XLIFF 1.2: to every non-empty target <mrk>).
    const marked =
      version === '2.1'
        ? xml.replace(/<\/target>/g, '＊</target>')
        : xml.replace(/(<target[^>]*>.*?<\/target>)/g, (target) => target.replace(/(<mrk [^>]*>)(.+?)<\/mrk>/g, '$1$2＊</mrk>'));
    writeFileSync(path.join(dir, 'x.xlf'), marked);
    const all = await importXliff('x.xlf', { cwd: dir });
    expect(all.file.messages).toEqual([]);
    const targets = meetings[0]!.translations[0]!.segments;
    const ends = readXliff(xml).segments.filter((s) => s.targetIds && s.targetIds.length > 0).map((s) => targets.find((t) => t.id === s.targetIds![s.targetIds!.length - 1])!.end);
    expect(all.edits).toHaveLength(ends.length);
    let expected = before;
    for (const end of [...ends].sort((a, b) => b - a)) expected = `${expected.slice(0, end)}＊${expected.slice(end)}`;
    expect(read(dir, file)).toBe(expected);
  });
});

describe('bitext import of translations that would change the Markdown structure', () => {
  it('skips a blank line in a paragraph and a line break in a heading, and imports the rest', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    await exportTo(dir, MEETING, 'xliff');
    replaceOnce(dir, 'x.xlf', '<target>互联网治理论坛</target>', '<target>互联网\n治理论坛</target>');
    replaceOnce(dir, 'x.xlf', '<target>国家、区域、次区域和青年 IGF 倡议</target>', '<target>国家、区域\n\n次区域和青年 IGF 倡议</target>');
    replaceOnce(dir, 'x.xlf', '2019 年 IGF 论坛开幕致辞', '2019 年 IGF 开幕致辞');
    const before = read(dir, ZH);
    const result = await importXliff('x.xlf', { cwd: dir });
    expect(result.file.messages.map((m) => [m.ruleId, m.reason.replace(/`s-[^`]+`/, '`…`')])).toEqual([
      ['import-breaks-block', `Segment \`…\` not imported: its translation has a line break in a heading, which would change the Markdown structure of \`${ZH}\``],
      ['import-breaks-block', `Segment \`…\` not imported: its translation has a blank line, which would change the Markdown structure of \`${ZH}\``],
    ]);
    expect(result.written).toBe(true);
    expect(read(dir, ZH)).toBe(before.replace('*2019 年 IGF 论坛开幕致辞*', '*2019 年 IGF 开幕致辞*'));
  });
});

describe('bitext import of XLIFF 1.2 rewritten by a tool', () => {
  it('finds the meeting from `original` when `product-name` was dropped', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff12');
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace(` product-name="${MEETING}"`, '').replace('>互联网治理论坛</mrk>', '>互联网治理论坛（IGF）</mrk>'));
    const before = read(dir, ZH);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, ZH)).toBe(before.replace('# 互联网治理论坛\n', '# 互联网治理论坛（IGF）\n'));
  });

  it('replaces the whole translation of a block whose target lost its segment markers', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff12');
    const unit = /<trans-unit id="b-98015b992c"[^]*?<\/trans-unit>/.exec(xml)![0];
    const target = /<target[^>]*>.*<\/target>/.exec(unit)![0];
    const plainTarget = target.replace(/<\/?mrk[^>]*>/g, '').replace('互联网治理论坛（IGF）', '互联网治理论坛（英文简称IGF）');
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace(target, plainTarget));
    const before = read(dir, ZH);
    const result = await importXliff('x.xlf', { cwd: dir });
    expect(result.file.messages).toEqual([]);
    expect(result.edits).toHaveLength(1);
    expect(read(dir, ZH)).toBe(before.replace('互联网治理论坛（IGF）是一个全球性', '互联网治理论坛（英文简称IGF）是一个全球性'));
  });
});

describe('bitext import of a segment repeated by a tool', () => {
  it('applies the first and reports the second', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff');
    const segment = /<segment id="[^"]+" state="final"><source>Internet Governance Forum<\/source><target>互联网治理论坛<\/target><\/segment>/.exec(xml)![0];
    const twice = `${segment.replace('互联网治理论坛<', '互联网治理论坛（一）<')}\n${segment.replace('互联网治理论坛<', '互联网治理论坛（二）<')}`;
    writeFileSync(path.join(dir, 'x.xlf'), xml.replace(segment, twice));
    const before = read(dir, ZH);
    const result = await importXliff('x.xlf', { cwd: dir });
    expect(result.file.messages.map((m) => m.ruleId)).toEqual(['import-target-changed']);
    expect(result.file.messages[0]!.reason).toContain('another segment of the XLIFF replaces the same sentences');
    expect(read(dir, ZH)).toBe(before.replace('# 互联网治理论坛\n', '# 互联网治理论坛（一）\n'));
  });
});

describe('bitext import of XLIFF saved as UTF-16 or with a BOM', () => {
  it.each([
    ['UTF-16LE', (xml: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')])],
    ['UTF-8 with BOM', (xml: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')])],
  ])('reads %s', async (_name, encode) => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff');
    writeFileSync(path.join(dir, 'x.xlf'), encode(xml.replace('<target>互联网治理论坛</target>', '<target>互联网治理论坛（IGF）</target>')));
    const before = read(dir, ZH);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.stderr).toBe('');
    expect(read(dir, ZH)).toBe(before.replace('# 互联网治理论坛\n', '# 互联网治理论坛（IGF）\n'));
  });
});

describe('bitext import of XLIFF that is not valid UTF-8', () => {
  it('refuses it instead of importing replacement characters', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const xml = await exportTo(dir, MEETING, 'xliff');
    const bytes = Buffer.from(xml.replace('<target>互联网治理论坛</target>', '<target>互联网治理论坛X</target>'), 'utf8');
    bytes[bytes.indexOf('X</target>')] = 0xff;
    writeFileSync(path.join(dir, 'x.xlf'), bytes);
    const before = read(dir, ZH);
    const result = await runCli(['import', 'x.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('read-error');
    expect(read(dir, ZH)).toBe(before);
  });
});
