/**
 * Flags `bin/bitext.js` starts Node with again, by command.
 *
 * V8 runs the parallel parts of garbage collection on Node's platform thread pool, 4 threads unless
 * `--v8-pool-size` says otherwise. During `bitext build` every core already runs a worker (`--jobs`
 * defaults to the cores), so those threads only compete with the workers: on the 2-core development
 * machine a build of 1,000 meetings took 42 s with a pool of 1 against 50 s with 4, and 100 meetings
 * 6.0 s against 6.8 s (test/bench). The pool size can only be set when Node starts.
 */

/** Node flags to start `bitext <args>` with; none when Node needs no new start (or the user chose a pool size). */
export function nodeFlagsFor(args: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  if (args[0] !== 'build') return [];
  const chosen = (flag: string) => flag.startsWith('--v8-pool-size');
  if (execArgv.some(chosen) || (env.NODE_OPTIONS ?? '').split(/\s+/).some(chosen)) return [];
  // Under a debugger the process to debug is this one: a second one would want the same inspector port.
  if (execArgv.some((flag) => flag.startsWith('--inspect'))) return [];
  return ['--v8-pool-size=1'];
}
