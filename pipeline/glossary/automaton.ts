/**
 * The Aho–Corasick automaton behind the glossary matcher, built straight
 * into typed arrays: a dense table for the root (most characters of a text
 * fall back to it), one open-addressing hash of (state, code unit) for every
 * other transition, and per-state cells side by side. No per-state objects,
 * so 20,000 terms build in a fraction of a second and a lookup touches a few
 * contiguous cells whatever the number of terms.
 */

/** Case folding of every UTF-16 code unit, length-preserving (so offsets stay offsets into the original); built on first use. */
let foldTable: Uint16Array | undefined;

/** The fold table: code unit → its lower-case code unit (or itself). */
export function folds(): Uint16Array {
  if (!foldTable) {
    foldTable = new Uint16Array(0x10000);
    for (let code = 0; code < 0x10000; code++) {
      const lower = String.fromCharCode(code).toLowerCase();
      foldTable[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
    }
    // Typographic apostrophes are the same letter to a reader: l’Internet is l'Internet.
    foldTable[0x2019] = 0x27;
    foldTable[0x2bc] = 0x27;
  }
  return foldTable;
}

/** Mix a state and a code unit into a table index. */
export function hash(state: number, code: number): number {
  return (Math.imul(state, 0x9e3779b1) ^ Math.imul(code, 0x85ebca77)) >>> 0;
}

/** Open-addressing hash of transitions, three cells per slot: state (-1: empty), code unit, target. */
export class EdgeTable {
  readonly cells: Int32Array;
  readonly mask: number;

  /** A table for `edges` transitions at a load factor of at most 1/`spread`. */
  constructor(edges: number, spread: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, edges * spread)));
    this.mask = capacity - 1;
    this.cells = new Int32Array(capacity * 3).fill(-1);
  }

  get(state: number, code: number): number {
    const { cells, mask } = this;
    for (let slot = hash(state, code) & mask; cells[slot * 3] !== -1; slot = (slot + 1) & mask) {
      if (cells[slot * 3] === state && cells[slot * 3 + 1] === code) return cells[slot * 3 + 2]!;
    }
    return -1;
  }

  set(state: number, code: number, to: number): void {
    let slot = hash(state, code) & this.mask;
    while (this.cells[slot * 3] !== -1) slot = (slot + 1) & this.mask;
    this.cells[slot * 3] = state;
    this.cells[slot * 3 + 1] = code;
    this.cells[slot * 3 + 2] = to;
  }
}

export interface Automaton {
  /** Number of states. */
  size: number;
  /** Root transitions by code unit (0: none). */
  root: Int32Array;
  /** Transitions of every other state. */
  edges: EdgeTable;
  /**
   * Four cells per state, side by side so a visit reads one cache line: two words with a bit per
   * (code unit mod 64) of its transitions (most failed lookups end there, without probing the
   * hash), the state itself if patterns end there or else the nearest such state on its failure
   * chain (-1: none), and its failure link.
   */
  info: Int32Array;
  /** The next state with output on the failure chain of a state with output; -1: none. */
  dict: Int32Array;
  /** Indices of the patterns ending at a state. */
  out: Map<number, number[]>;
}

/** Build the automaton of case-folded `texts`; states are numbered breadth-first, so the shallow ones a scan visits most sit together. */
export function compile(texts: readonly string[]): Automaton {
  const fold = folds();
  const bound = texts.reduce((n, t) => n + t.length, 1);
  const goto = new EdgeTable(bound, 2);
  const firstChild = new Int32Array(bound).fill(-1);
  const nextSibling = new Int32Array(bound).fill(-1);
  const codeOf = new Uint16Array(bound);
  const ends = new Map<number, number[]>();
  let size = 1;
  texts.forEach((text, index) => {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold[text.charCodeAt(i)]!;
      let to = goto.get(state, code);
      if (to === -1) {
        to = size++;
        goto.set(state, code, to);
        codeOf[to] = code;
        nextSibling[to] = firstChild[state]!;
        firstChild[state] = to;
      }
      state = to;
    }
    ends.set(state, [...(ends.get(state) ?? []), index]);
  });
  // Breadth-first: failure links, and the new number of each state.
  const fail = new Int32Array(size);
  const order = new Int32Array(size);
  let tail = 0;
  for (let c = firstChild[0]!; c !== -1; c = nextSibling[c]!) order[tail++] = c;
  for (let head = 0; head < tail; head++) {
    const state = order[head]!;
    for (let child = firstChild[state]!; child !== -1; child = nextSibling[child]!) {
      const code = codeOf[child]!;
      let f = fail[state]!;
      while (f !== 0 && goto.get(f, code) === -1) f = fail[f]!;
      const to = goto.get(f, code);
      fail[child] = to !== -1 && to !== child ? to : 0;
      order[tail++] = child;
    }
  }
  const id = new Int32Array(size);
  for (let i = 0; i < tail; i++) id[order[i]!] = i + 1;
  const automaton: Automaton = {
    size,
    root: new Int32Array(0x10000),
    edges: new EdgeTable(Math.max(0, size - 1), 4),
    info: new Int32Array(size * 4),
    dict: new Int32Array(size).fill(-1),
    out: new Map([...ends].map(([state, indices]) => [id[state]!, indices])),
  };
  const { root, edges, info, dict, out } = automaton;
  for (let state = 0; state < size; state++) {
    for (let child = firstChild[state]!; child !== -1; child = nextSibling[child]!) {
      const code = codeOf[child]!;
      if (state === 0) root[code] = id[child]!;
      else {
        const from = id[state]!;
        edges.set(from, code, id[child]!);
        const word = from * 4 + ((code >> 5) & 1);
        info[word] = info[word]! | (1 << (code & 31));
      }
    }
  }
  info[2] = -1;
  for (let i = 0; i < tail; i++) {
    const state = i + 1;
    const linked = id[fail[order[i]!]!]!;
    const chain = linked > 0 ? (out.has(linked) ? linked : info[linked * 4 + 2]!) : -1;
    dict[state] = chain;
    info[state * 4 + 2] = out.has(state) ? state : chain;
    info[state * 4 + 3] = linked;
  }
  return automaton;
}

