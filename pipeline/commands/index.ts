/** Every subcommand, in the order `--help` lists them. One line per command module. */
import type { Register } from './io.js';
import { register as check } from './check.js';
import { register as segment } from './segment.js';
import { register as align } from './align.js';
import { register as exportCommand } from './export.js';
import { register as importCommand } from './import.js';
import { register as status } from './status.js';
import { register as diff } from './diff.js';
import { register as bump } from './bump.js';
import { register as newCommand } from './new.js';
import { register as glossary } from './glossary.js';
import { register as buildCommand } from './build.js';

export const commands: Register[] = [check, segment, align, exportCommand, importCommand, status, diff, bump, newCommand, glossary, buildCommand];
