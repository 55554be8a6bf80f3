/**
 * fast-check arbitraries for Simplified Chinese meeting summaries: front
 * matter, then blocks of Markdown and GFM whose text mixes characters OpenCC
 * converts with ASCII, markup, escapes, character references and labels.
 */
import fc from 'fast-check';

/** Words OpenCC's `cn` → `tw` converts (发 → 發/髮, 干 → 幹/乾, 后 → 後…), some not, and ASCII. */
const WORDS = [
  '发展', '头发', '发', '干部', '干净', '干', '后来', '皇后', '里面', '台湾', '系统', '历史', '钟表', '会议', '项目', '网络',
  '国际', '联合国', '秘书处', '互联网治理论坛', '多利益攸关方', '数据', '报告', '参与', '于', '面', '云', '的', '了',
  '發', '後', '乾', '髮', 'IGF', 'MAG', 'WSIS', '2024', 'UN DESA', 'a', 'x_y', 'A.B.', 'e.g.', '3.5', 'AI',
];
const PUNCTUATION = ['。', '，', '、', '；', '！', '？', '：', '“', '”', '（', '）', '《', '》', '…', '·', '—', '.', ',', ';', '!', '?', '(', ')', ' ', ' ', '  ', '\t'];
const URLS = ['https://example.org', 'https://例子.中国/路径?项=发', '/相对/路径', '#锚点', 'mailto:发@例子.cn', 'https://a.b/c_(d)', '<https://a.b/有 空格>', '图片.png'];
const TITLES = ['', ' "标题"', " '发展'", ' (国际)', ' "a &amp; b"', ' "&#x53D1;"', '', '', '', ' "发"', ' "发"', ' "发"'];
/** References and escapes; some references decode to letters (`&#x53D1;` is 发, `&alefsym;` is ℵ), which makes the copy refused, so they are rarer. */
const ODD = fc.oneof(
  { weight: 60, arbitrary: fc.constantFrom('\\*', '\\[', '\\\\', '\\发', '&amp;', '&copy;', '&nbsp;', '&bogus;', '&', '<', '>', '|', '\\|', '~', '_', '*', '`') },
  { weight: 1, arbitrary: fc.constantFrom('&#x53D1;', '&#21457;', '&alefsym;') },
);
/** Labels: ASCII ones, safe to copy, and rarer ones with letters, which make the copy refused when defined. */
const LABEL = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('1', '2', 'note', 'Ref') }, { weight: 1, arbitrary: fc.constantFrom('注', '发', '發', '发展') });

const word = fc.constantFrom(...WORDS);
const plain = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) }, { weight: 1, arbitrary: ODD }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

const inline: fc.Arbitrary<string> = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: plain },
    fc.tuple(fc.constantFrom('*', '**', '_', '__', '~~', '~'), tie('inline')).map(([mark, text]) => `${mark}${text}${mark}`),
    // Delimiters between letters: whether they open or close depends on the letters being neither space nor punctuation.
    fc.tuple(word, fc.constantFrom('*', '**', '_', '~~'), word, word).map(([a, mark, b, c]) => `${a}${mark}${b}${mark}${c}`),
    fc.tuple(fc.constantFrom('`', '``'), plain).map(([ticks, text]) => `${ticks}${text}${ticks}`),
    fc.tuple(tie('inline'), fc.constantFrom(...URLS), fc.constantFrom(...TITLES)).map(([text, url, title]) => `[${text}](${url}${title})`),
    fc.tuple(plain, fc.constantFrom(...URLS), fc.constantFrom(...TITLES)).map(([alt, url, title]) => `![${alt}](${url}${title})`),
    // An image whose alt text drops a link's URL: refused when the URL has letters, hence rarer.
    fc.oneof({ weight: 3, arbitrary: plain }, fc.tuple(tie('inline'), fc.constantFrom(...URLS)).map(([alt, url]) => `![${alt} [${alt}](${url})](${url})`)),
    fc.tuple(tie('inline'), LABEL).map(([text, label]) => `[${text}][${label}]`),
    LABEL.map((label) => `[${label}]`),
    LABEL.map((label) => `![${label}]`),
    LABEL.map((label) => `[${label}][]`),
    LABEL.map((label) => `[^${label}]`),
    fc.constantFrom('<https://例子.cn/发>', '<发@例子.cn>', 'https://www.例子.com/发展 ', ' www.发展.org/项目 ', ' 发@example.org ', ' https://x.org/发。'),
    fc.constantFrom('<span title="发">', '</span>', '<br>', '<!-- 注释 -->', '<a href="发">'),
    fc.constantFrom('  \n', '\\\n', '\n', '\n   '),
  ),
})).inline;

const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

const block: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: line },
    fc.tuple(fc.integer({ min: 1, max: 6 }), line, fc.boolean()).map(([depth, text, closed]) => `${'#'.repeat(depth)} ${text}${closed ? ' ##' : ''}`),
    fc.tuple(line, fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`),
    fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] '), tie('block'), fc.array(line, { maxLength: 2 })).map(
      ([marker, first, rest]) => `${marker}${first.replace(/\n/g, '\n   ')}${rest.map((text) => `\n${marker}${text}`).join('')}`,
    ),
    tie('block').map((inner) => inner.split('\n').map((text) => `> ${text}`).join('\n')),
    fc.tuple(fc.constantFrom('```', '~~~'), fc.constantFrom('', 'js', 'yaml 元数据', '发 展'), plain).map(([fence, info, code]) => `${fence}${info}\n${code}\n${fence}`),
    plain.map((code) => `    ${code}`),
    fc.tuple(fc.array(fc.tuple(line, line), { minLength: 1, maxLength: 3 }), fc.constantFrom('| --- | --- |', '|:-|-:|', '| :-: | --- |')).map(
      ([rows, delimiter]) => [`| 项目 | 发展 |`, delimiter, ...rows.map(([a, b]) => `| ${a.replace(/\n/g, ' ')} | ${b.replace(/\n/g, ' ')} |`)].join('\n'),
    ),
    fc.constantFrom('<div title="发">\n中文 发展\n</div>', '<!--\n注释 发\n-->', '***', '- - -'),
    fc.tuple(LABEL, line).map(([label, text]) => `[^${label}]: ${text}`),
    fc.tuple(LABEL, fc.constantFrom(...URLS), fc.constantFrom(...TITLES)).map(([label, url, title]) => `[${label}]: ${url}${title}`),
  ),
})).block;

/** Front matter: valid, with unknown keys, invalid or missing, with converted letters in values and comments. */
const frontMatter = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(word, fc.array(word, { maxLength: 2 }), fc.constantFrom('', '# 注释 发展\n', 'status: reviewed\n')).map(
    ([title, translators, extra]) => `---\ntitle: "${title}报告"\ndate: "2024-02-27"\nmeeting: "IGF 2024 MAG 会议"\nkind: summary\ntranslators: [${translators.map((t) => `"${t}"`).join(', ')}]\n${extra}---\n\n`,
  ) },
  fc.constantFrom(
    '---\ntitle: 发展\ndate: "2024-02-27"\nmeeting: 会议\nkind: summary\n备注: 头发\n---\n\n',
    '---\ntitle: "\\u53D1展"\ndate: "2024-02-27"\nmeeting: 会议\nkind: summary\n---\n',
    '---\ntitle: 发展\nkind: 会议\n---\n\n',
    '---\ntitle: "未闭合\n---\n\n',
    '',
    '\uFEFF---\ntitle: 发展\ndate: "2024-02-27"\nmeeting: 会议\nkind: summary\n---\r\n\r\n',
  ),
);

/** A Simplified Chinese summary. */
export const zhMarkdown: fc.Arbitrary<string> = fc
  .tuple(frontMatter, fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 8 }))
  .map(([front, blocks]) => front + blocks.map(([text, gap]) => text + gap).join(''));

/**
 * A paragraph of the constructs a copy must refuse, dense enough to meet: alt texts that drop a link's
 * URL next to references that decode to letters, labels with letters and their definitions.
 */
export const refusedMarkdown: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom('![&#x53D1; [x](发)](y.png)', '![[发](&#x53D1;) &#21457;](图.png)', '![发 [a](b)](发)', '[发]', '[發]', '[^发]', '[发展][]', '发', '&#x53D1;', ' '),
    { minLength: 1, maxLength: 6 },
  )
  .chain((parts) => fc.constantFrom('', '\n\n[發]: /u\n', '\n\n[^發]: 注\n', '\n\n[发]: /发 "发"\n').map((definition) => `${parts.join('')}${definition}`));

/** Letters of several scripts, including ones OpenCC folds together (发/發/髮 → 發, 干/乾/幹). */
export const LETTERS = ['发', '發', '髮', '干', '乾', '幹', '后', '後', '头', '頭', 'א', 'ب', 'ก', '가', 'あ', 'ア'];
