/** The glossary stage's public entry points: termbase, matcher index, check, fix, drift, mining and TBX. */
export { checkMeeting, checkAlignments, alignWithTerms, glossaryCheck } from './check.js';
export { fixDocs, fixDoc, planFixes, type FileFix } from './fix.js';
export { driftReport, driftText, type DriftReport, type TermDrift } from './drift.js';
export { driftHtml } from './drift-html.js';
export { TermIndex, type Form, type Hit } from './forms.js';
export { Matcher, leftmostLongest, type Match, type Pattern } from './matcher.js';
export { mine, mineText, type MineReport } from './mine.js';
export { exportTbx, importTbx, termbaseYaml } from './tbx.js';
export { loadTermbase, openTermbase, GlossaryError, type Entry, type Termbase } from './termbase.js';
export { termbaseFileSchema, termbaseJsonSchema } from './schema.js';
