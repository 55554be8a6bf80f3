/**
 * The pipeline, stage by stage, in the order a document flows through it.
 *
 * parse     — bytes → vfile, front matter (YAML only) and mdast; first, since every stage needs positions.
 * segment   — blocks and sentences with stable ids; the unit every later stage talks about.
 * align     — each translation against en.md, blocks then sentences; needs segments of both sides.
 * glossary  — termbase checks on aligned sentence pairs; needs the alignment to know which English a sentence renders.
 * track     — stale segments from the git history of en.md, mapped through the alignment.
 * disclaimer— the working group's disclaimer on every translated output; after checks, so it is never checked as content.
 * publish   — the static site and downloads; last, it only reads what the stages above produced.
 */
export { parse } from './parse.js';
export { segment } from './segment.js';
export { loadCorpus, loadDoc, loadMeeting, type Corpus } from './load.js';
export { runChecks, checks, type Check, type CheckOptions } from './checks.js';
export { applyEdits, type Edit } from './edits.js';
export { align, alignMeeting, type Options as AlignOptions } from './align.js';
export { formatAlignment, type AlignFormat } from './align-format.js';
export { checkMeeting, openTermbase, TermIndex, fixDocs, driftReport, mine, exportTbx, importTbx } from './glossary/index.js';
export { exportXliff, exportTmx, importXliff, readXliff, type ImportOptions, type ImportResult } from './exchange/index.js';
export { track, trackDetails, type Staleness, type StaleSegment } from './track.js';
export { addDisclaimer, disclaimersFor, findPasted } from './disclaimer.js';
export { build, generateSite, type Options as BuildOptions } from './publish/build.js';
export type * from './types.js';
