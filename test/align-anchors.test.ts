import { describe, expect, it } from 'vitest';
import { acronymsOf, anchorsOf, compareAnchors, hanValue, isTranslatorNote, normaliseUrl, numbersOf, urlsOf } from '../pipeline/anchors.js';

const en = (text: string) => numbersOf(text, { lang: 'en', other: 'zh' });
const zh = (text: string) => numbersOf(text, { lang: 'zh', other: 'en' });
const keys = (set: { strong: Set<string>; weak: Set<string> }) => [...new Set([...set.strong, ...set.weak])].sort();

describe('numbers as anchors', () => {
  it('reads Han numerals', () => {
    expect([hanValue('三'), hanValue('十三'), hanValue('二十'), hanValue('一百零五'), hanValue('三万'), hanValue('两')]).toEqual([3, 13, 20, 105, 30000, 2]);
  });

  it('gives "27 February" and "2月27日" the same keys', () => {
    expect(keys(en('on 27 February'))).toEqual(['n:2', 'n:27']);
    expect(keys(zh('于2月27日'))).toEqual(['n:2', 'n:27']);
  });

  it('maps ordinals and number words to digits and Han numerals: 6th ↔ 第六次, three ↔ 三, four (4) ↔ 四 (4)', () => {
    expect(keys(en('the 6th meeting'))).toEqual(['n:6']);
    expect(keys(zh('第六次会议'))).toEqual(['n:6']);
    expect(keys(en('three working groups'))).toEqual(['n:3']);
    expect(keys(zh('三个工作组'))).toEqual(['n:3']);
    expect(keys(en('limited to four (4)'))).toEqual(['n:4']);
    expect(keys(zh('限制在四 (4) 个'))).toEqual(['n:4']);
    expect(keys(en('twenty-five members'))).toEqual(['n:25']);
  });

  it('reads times with a.m./p.m. and 上午/下午 as 24-hour keys', () => {
    expect(keys(en('at 5:00 p.m.'))).toEqual(['t:17:00']);
    expect(keys(zh('下午 5:00'))).toEqual(['t:17:00']);
    expect(keys(en('from 9:00 a.m. to 12:30 p.m.'))).toEqual(['t:12:30', 't:9:00']);
    expect(keys(en('at 14:00 UTC'))).toEqual(['t:14:00']);
  });

  it('keeps thousands and decimals whole, and leaves the digits of URLs out', () => {
    expect(keys(en('More than 1,000 participants, 3.5 hours'))).toEqual(['n:1000', 'n:3.5']);
    expect(keys(en('see https://example.org/2024/report-7'))).toEqual([]);
  });

  it('counts "first" only where it is a number: 首次, 首届 and 第一 are 1; "First, …", "at first", "first of all" are not', () => {
    expect(keys(en('It was the first time the MAG met online.'))).toEqual(['n:1']);
    expect(keys(zh('这是MAG首次在线开会。'))).toEqual(['n:1']);
    expect(keys(en('First, the MAG agreed. At first, participants hesitated. First of all, thanks.'))).toEqual([]);
    expect(keys(zh('首先，MAG同意。首都。'))).toEqual([]);
  });

  it('reads the month May only next to a number', () => {
    expect(keys(en('Participants may join.'))).toEqual([]);
    expect(keys(en('on 14 May'))).toEqual(['n:14', 'n:5']);
  });

  it('writes English number words as numerals only for languages that do (not for French)', () => {
    expect(keys(numbersOf('three groups', { lang: 'en', other: 'fr' }))).toEqual([]);
  });
});

describe('other anchors', () => {
  it('finds acronyms, plural s dropped, and not inside URLs', () => {
    expect([...acronymsOf('The NRIs, the MAG and WSIS+20 (see https://www.intgovforum.org/IGF)')].sort()).toEqual(['MAG', 'NRI', 'WSIS']);
  });

  it('normalises URLs and link targets so scheme, trailing slash and full-width punctuation do not matter', () => {
    expect(normaliseUrl('https://www.intgovforum.org/')).toBe(normaliseUrl('http://www.intgovforum.org'));
    expect([...urlsOf('见 https://x.org/a）。')]).toEqual(['x.org/a']);
    expect([...urlsOf('write to', [{ kind: 'link', start: 0, end: 1, url: 'mailto:igf@un.org' }])]).toEqual(['igf@un.org']);
  });

  it('takes glossary renderings as anchors shared by both languages', () => {
    const terms = new Map([['Dynamic Coalition', ['动态联盟']]]);
    const a = anchorsOf('The Dynamic Coalition met.', { lang: 'en', other: 'zh', terms });
    const b = anchorsOf('动态联盟举行了会议。', { lang: 'zh', other: 'en', terms });
    expect(compareAnchors(a, b)).toEqual({ hits: 1, misses: 0 });
  });

  it('counts matches, and strong anchors of either side the other lacks', () => {
    expect(compareAnchors(anchorsOf('27 February, MAG', { lang: 'en', other: 'zh' }), anchorsOf('2月28日，MAG', { lang: 'zh', other: 'en' }))).toEqual({ hits: 2, misses: 2 });
  });

  it('recognises translator’s notes in several languages, not ordinary text', () => {
    for (const note of ['译者注：未来峰会于9月举行。', '（译注：原文如此）', "Translator's note: see annex.", 'N.d.T. : voir annexe', '> Примечание переводчика: …']) expect(isTranslatorNote(note), note).toBe(true);
    expect(isTranslatorNote('MAG同意举办会外活动。')).toBe(false);
  });
});
