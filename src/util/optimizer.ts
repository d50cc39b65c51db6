import v8 from "node:v8";

/**
 * V8's optimising compiler (TurboFan), paused while code that runs once is busy: ELK's layout of a
 * diagram (runElk). V8 optimises the functions that grow hot on background threads, which pays off
 * in a long run and not in a layout of a few hundred milliseconds that the process never does again;
 * on two cores those compile jobs take the CPU that the layout and the main thread's work need.
 *
 * V8's flags belong to the process, not to a thread, so the pause is process-wide, and the threads
 * that take part share one state (optimizerState, adoptOptimizerState). And V8 accepts a code cache
 * only under the flags it was made with: a compile from a code cache holds the optimiser on while it
 * runs (withOptimizer), and a pause asked for meanwhile starts once the last such compile is done.
 *
 * Nothing is paused when Node was started with flags about V8's compilers (`--no-opt`, `--jitless`,
 * `--max-opt`...): their state is not ours to change or to restore.
 */

// The shared state: a lock, the compiles now holding the optimiser on, and the pauses asked for.
const LOCK = 0;
const HOLDS = 1;
const PAUSES = 2;
const SLOTS = 3;

let state: Int32Array = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));

/** This thread's optimiser state, to give a worker thread (adoptOptimizerState) in its `workerData`. */
export function optimizerState(): Int32Array {
  return state;
}

/** Takes part in the optimiser state of the thread that started this one (optimizerState). */
export function adoptOptimizerState(shared: Int32Array): void {
  if (!(shared.buffer instanceof SharedArrayBuffer) || shared.length !== SLOTS) throw new TypeError("adoptOptimizerState: not an optimizer state");
  state = shared;
}

/** True when Node's options (its command line or NODE_OPTIONS) set any of V8's flags about its compilers. */
export function compilersConfigured(options: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)]): boolean {
  return options.some((option) => COMPILER_FLAG.test(option.replaceAll("_", "-")));
}

/** `--opt`, `--no-turbofan`, `--max-opt=2`, `--jitless`...: V8 reads `_` and `-` in a flag's name alike. */
const COMPILER_FLAG = /^--(no-)?(opt|turbofan|always-opt|max-opt|maglev|sparkplug|always-sparkplug|jitless|lite-mode)(=|$)/;

const configured = compilersConfigured();

/** Runs `work` (asynchronous) with the optimiser paused, except while a compile holds it on (withOptimizer). */
export async function withoutOptimizer<T>(work: () => Promise<T>): Promise<T> {
  if (configured) return work();
  locked(() => {
    if (Atomics.add(state, PAUSES, 1) === 0 && Atomics.load(state, HOLDS) === 0) setOptimizer(false);
  });
  try {
    return await work();
  } finally {
    locked(() => {
      if (Atomics.sub(state, PAUSES, 1) === 1 && Atomics.load(state, HOLDS) === 0) setOptimizer(true);
    });
  }
}

/** Runs `work` (synchronous: a compile from a code cache) with the optimiser on, as V8's flags were when the cache was made. */
export function withOptimizer<T>(work: () => T): T {
  if (configured) return work();
  locked(() => {
    if (Atomics.add(state, HOLDS, 1) === 0 && Atomics.load(state, PAUSES) > 0) setOptimizer(true);
  });
  try {
    return work();
  } finally {
    locked(() => {
      if (Atomics.sub(state, HOLDS, 1) === 1 && Atomics.load(state, PAUSES) > 0) setOptimizer(false);
    });
  }
}

function setOptimizer(on: boolean): void {
  v8.setFlagsFromString(on ? "--turbofan" : "--no-turbofan");
}

/** `work` under the state's lock, which is held for a flag change: microseconds. */
function locked(work: () => void): void {
  while (Atomics.compareExchange(state, LOCK, 0, 1) !== 0) Atomics.wait(state, LOCK, 1, 1);
  try {
    work();
  } finally {
    Atomics.store(state, LOCK, 0);
    Atomics.notify(state, LOCK);
  }
}
