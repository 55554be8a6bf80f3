import { describe, expect, it } from 'vitest';
import { halfwidth, proseOf, strayWords, translatableWords, unbalanced, untranslated } from '../pipeline/qa-text.js';

const details = (text: string) => unbalanced(text).map((f) => `${f.offset} ${f.detail}`);

describe('unbalanced', () => {
  it('accepts nested and balanced pairs of both widths', () => {
    expect(unbalanced('国家、区域和青年IGF倡议（NRIs）在《议程》中强调“数字（技术）的潜力”。')).toEqual([]);
    expect(unbalanced('See the "Internet We Want" paper (2024) [annex].')).toEqual([]);
  });

  it('reports an opening mark left open at the mark', () => {
    expect(details('有意义接入政策网络（第四期予以保留。')).toEqual(['9 Unmatched `（`; expected a closing `）`']);
    expect(details('他说“你好。')).toEqual(['2 Unmatched `“`; expected a closing `”`']);
  });

  it('balances the guillemets of French, Russian and Arabic', () => {
    expect(unbalanced('le « Forum sur la gouvernance de l’Internet »')).toEqual([]);
    expect(details('так называемый «Форум')).toEqual(['15 Unmatched `«`; expected a closing `»`']);
  });

  it('reports a closing mark without an opening one', () => {
    expect(details('第四期）予以保留。')).toEqual(['3 Unmatched closing `）`; expected an opening `（` before it']);
  });

  it('reports a full-width bracket closed by an ASCII one as one typo, at the closing mark', () => {
    expect(details('（见附件)。')).toEqual(['4 `（` is closed by `)`; expected `）`']);
    expect(details('(see annex）')).toEqual(['10 `(` is closed by `）`; expected `)`']);
  });

  it('reports crossed pairs at the inner opening', () => {
    expect(details('（《议程）》')).toEqual(['1 `《` is closed by `）`; expected `》`', '5 Unmatched closing `》`; expected an opening `《` before it']);
  });

  it('pairs ASCII double quotes by parity and skips escaped marks', () => {
    expect(details('the "Open Forums session')).toEqual(['4 Unmatched `"`; expected a closing `"`']);
    expect(unbalanced('a \\( literal bracket')).toEqual([]);
  });
});

describe('halfwidth', () => {
  it('finds ASCII punctuation after or before Chinese characters and at the end of a Chinese sentence', () => {
    expect(halfwidth('在利雅得 IGF 会议期间, DCs 自行分组, 为 GDC 的目标做出贡献').map((f) => [f.offset, f.detail])).toEqual([[13, ','], [23, ',']]);
    expect(halfwidth('动机:').map((f) => f.detail)).toEqual([':']);
    expect(halfwidth('为什么要参与 NRIs?').map((f) => f.detail)).toEqual(['?']);
  });

  it('leaves times, English text and blanked URLs alone', () => {
    expect(halfwidth('时间为9:00至17:30')).toEqual([]);
    expect(halfwidth('“Internet We Want, Vision”文件')).toEqual([]);
    expect(halfwidth(proseOf('见 https://www.intgovforum.org/a,b）'))).toEqual([]);
  });
});

describe('untranslated', () => {
  it('flags a sentence identical to the English', () => {
    expect(untranslated('Participants are welcome.', 'Participants are welcome.', true)).toBe('is identical to the English');
  });

  it('flags English words with no Chinese in a Chinese translation', () => {
    expect(untranslated('The meeting was held in Geneva.', 'The meeting was held online.', true)).toBe('has English words and no Chinese');
  });

  it('ignores names, acronyms, numbers and URLs, which need no translation', () => {
    expect(translatableWords('Carol Roach')).toEqual([]);
    expect(translatableWords('NRIs <https://www.intgovforum.org> 2025')).toEqual([]);
    expect(untranslated('Carol Roach', 'Carol Roach', true)).toBeUndefined();
    expect(untranslated('IGF 2025', 'IGF 2025', true)).toBeUndefined();
  });

  it('finds lower-case English words between Chinese characters, not names or acronyms', () => {
    expect(strayWords('国家 and 区域互联网治理论坛').map((f) => f.detail)).toEqual(['and']);
    expect(strayWords('邀请 MAG 成员加入 Doodle 投票')).toEqual([]);
  });
});
