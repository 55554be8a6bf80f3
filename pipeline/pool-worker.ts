/** Worker of the parse pool: bytes → parsed and segmented document, as transferable data. */
import { docToData, type DocData } from './cache.js';
import { parse, type Options } from './parse.js';
import { segment } from './segment.js';

/** One task of the pool: parse and segment one file. */
export default function parseTask(task: { bytes: Uint8Array; options: Options }): DocData {
  return docToData(segment(parse(task.bytes, task.options)));
}
