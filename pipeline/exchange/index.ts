/** Exchange formats: XLIFF 2.1 and 1.2 for CAT tools, TMX 1.4b translation memory, XLIFF import by range edits. */
export { exportXliff } from './xliff.js';
export { exportTmx, type TmxOptions } from './tmx.js';
export { importXliff, type ImportOptions, type ImportResult } from './import.js';
export { readXliff, type ReadXliff, type ReadSegment } from './read.js';
