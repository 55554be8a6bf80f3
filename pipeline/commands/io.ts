/** What a command may touch of the outside world: output streams, the working directory, the exit code. */
import type { Command } from 'commander';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** 0 clean, 1 findings of error severity, 2 usage or internal error. */
  exitCode: number;
}

/** A subcommand module registers itself on the program. */
export type Register = (program: Command, io: Io) => void;

/** Parse a `--format` value against the allowed list (commander reports the error). */
export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new Error(`expected one of ${allowed.join(', ')}, got "${value}"`);
  };
}
