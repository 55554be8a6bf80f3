import { describe, expect, it } from 'vitest';
import { splitSentences } from '../pipeline/sentences.js';
import type { Script } from '../pipeline/languages.js';

const split = (text: string, script: Script = 'latin'): string[] => splitSentences(text, script).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits English at full stops, question and exclamation marks', () => {
    expect(split('The MAG met. Did it agree? Yes! It did.')).toEqual(['The MAG met.', 'Did it agree?', 'Yes!', 'It did.']);
  });

  it('keeps abbreviations, initials, decimals and times inside the sentence', () => {
    expect(split('Mr. Smith and Dr. Jones met e.g. the U.N. Secretary-General at 14:00 UTC. The rate rose 3.5 points.')).toEqual([
      'Mr. Smith and Dr. Jones met e.g. the U.N. Secretary-General at 14:00 UTC.',
      'The rate rose 3.5 points.',
    ]);
    expect(split('See No. 5 and para. 12. Then J. Smith spoke.')).toEqual(['See No. 5 and para. 12.', 'Then J. Smith spoke.']);
    expect(split('It closed at 6 p.m. The next day began.')).toEqual(['It closed at 6 p.m.', 'The next day began.']);
    expect(split('It opened at 9 a.m. UTC on Monday.')).toEqual(['It opened at 9 a.m. UTC on Monday.']);
  });

  it('does not break before a lower-case word or inside a URL', () => {
    expect(split('Sessions etc. were planned. See www.intgovforum.org. Done.')).toEqual([
      'Sessions etc. were planned.',
      'See www.intgovforum.org.',
      'Done.',
    ]);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(split('He said "we agree." Then (it ended.) Next.')).toEqual(['He said "we agree."', 'Then (it ended.)', 'Next.']);
  });

  it('splits Chinese at 。！？；… and keeps closing brackets and quotes', () => {
    expect(split('会议于2月27日举行。MAG听取了“最新情况。”随后（例如，短视频、故事……）。有人建议；另有人反对！真的吗？', 'cjk')).toEqual([
      '会议于2月27日举行。',
      'MAG听取了“最新情况。”',
      '随后（例如，短视频、故事……）。',
      '有人建议；',
      '另有人反对！',
      '真的吗？',
    ]);
  });

  it('does not split Chinese at half-width dots inside numbers or URLs', () => {
    expect(split('版本 2.0 已发布，见 www.un.org 网站。下一句。', 'cjk')).toEqual(['版本 2.0 已发布，见 www.un.org 网站。', '下一句。']);
  });

  it('splits French, Spanish and Russian with their abbreviations', () => {
    expect(split('M. Dupont a parlé. Mme Durand aussi.')).toEqual(['M. Dupont a parlé.', 'Mme Durand aussi.']);
    expect(split('¿Quién habló? La Sra. García habló.')).toEqual(['¿Quién habló?', 'La Sra. García habló.']);
    expect(split('Заседание прошло, т.е. успешно. Группа согласилась.', 'cyrillic')).toEqual([
      'Заседание прошло, т.е. успешно.',
      'Группа согласилась.',
    ]);
  });

  it('splits Arabic at ؟ ؛ and the full stop', () => {
    expect(split('هل وافق الفريق؟ نعم؛ وافق. انتهى الاجتماع.', 'arabic')).toEqual(['هل وافق الفريق؟', 'نعم؛', 'وافق.', 'انتهى الاجتماع.']);
  });

  it('keeps inline markup whole: no split inside a link, a split after closing emphasis', () => {
    const text = '[See this. And that](https://x.org) ended. **Bold.** Next.';
    const link = { start: 0, end: 35, contentEnd: 19, trailing: false };
    const strong = { start: 43, end: 52, contentEnd: 50, trailing: false };
    const spans = splitSentences(text, 'latin', [link, strong]).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['[See this. And that](https://x.org) ended.', '**Bold.**', 'Next.']);
  });

  it('keeps a footnote reference after the full stop with its sentence', () => {
    const text = '举行。[^2]下一句。';
    const footnote = { start: 3, end: 7, contentEnd: 3, trailing: true };
    expect(splitSentences(text, 'cjk', [footnote]).map((s) => text.slice(s.start, s.end))).toEqual(['举行。[^2]', '下一句。']);
  });

  it('returns nothing for whitespace and trims every span', () => {
    expect(split('   ')).toEqual([]);
    expect(split('  One.   Two.  ')).toEqual(['One.', 'Two.']);
  });
});
