/**
 * What the runner reads from a benchmark page, and the pure arithmetic on it (unit-tested in
 * test/unit/bench/measure.test.ts). The functions passed to `page.evaluate` run in the page's
 * own world: they only read the User Timing marks our content script leaves in bench builds,
 * the page's `longtask` entries, `CSS.highlights`, and time the page's own DOM work.
 */

export interface TimedMark {
  name: string;
  t: number;
}

/** Marks that open one of our synchronous runs, and marks that close one (older builds: by step). */
const OPENS = new Set(['claimlens:scan', 'claimlens:spotted', 'claimlens:reply', 'claimlens:resume', 'claimlens:rescan']);
const CLOSES = new Set(['claimlens:send', 'claimlens:yield', 'claimlens:marked', 'claimlens:rescanned']);
/** The slicer's own marks (src/content/slices.ts: every run of ours begins and ends there), and the script's start. */
const SLICE_OPENS = new Set(['claimlens:start', 'claimlens:begin']);
const SLICE_CLOSES = new Set(['claimlens:end']);

/**
 * Our own synchronous runs (tasks) between `from` and `to`, from the probe's marks. Current
 * builds: from each 'begin' (or the script's 'start') to the next 'end' of the slicer. Older
 * builds without those marks: a run opens
 * when a scan or rescan starts, when the background's matches arrive and after each yield; it
 * closes when text is sent to the background, at each yield, and when marks are registered or
 * a rescan ends. A run opened inside another (a rescan that does a full scan) counts from the
 * outer start. Returns their durations in ms.
 */
export function ourSlices(marks: readonly TimedMark[], from = -Infinity, to = Infinity): number[] {
  return ourRuns(marks, from, to).map(([a, b]) => b - a);
}

/** Our runs as [start, end] (page clock, ms); see ourSlices. */
export function ourRuns(marks: readonly TimedMark[], from = -Infinity, to = Infinity): Array<[number, number]> {
  const sorted = marks.filter((m) => m.t >= from && m.t <= to).sort((a, b) => a.t - b.t);
  // Builds whose slicer marks each run ('begin'/'end') are cut by those alone: sends and
  // replies may come in the middle of a run (pieces streamed as the page is read).
  const bySlicer = marks.some((m) => m.name === 'claimlens:end');
  const opens = bySlicer ? SLICE_OPENS : OPENS;
  const closes = bySlicer ? SLICE_CLOSES : CLOSES;
  const out: Array<[number, number]> = [];
  let open: number | null = null;
  for (const m of sorted) {
    if (opens.has(m.name)) open ??= m.t;
    else if (closes.has(m.name) && open !== null) {
      out.push([open, m.t]);
      open = null;
    }
  }
  return out;
}

/**
 * The long tasks (`longtask` entries: [start, duration]) that ran some of our code: those
 * holding one of our runs. A long task without any of ours is the page's own (the browser's
 * first layout of a 1 MB page, its scripts); one holding ours counts whole (what else ran in it,
 * a style recalculation our visibility checks forced, is ours too).
 */
export function longTasksWithUs(longtasks: ReadonlyArray<[number, number]>, runs: ReadonlyArray<[number, number]>): number[] {
  // Timestamps of both come from the same clock, the task's rounded to 1 ms: allow that much.
  return longtasks.filter(([t, d]) => runs.some(([a, b]) => a >= t - 1 && b <= t + d + 1)).map(([, d]) => d);
}

/** First mark named `name` at or after `from`; null when there is none. */
export function firstMark(marks: readonly TimedMark[], name: string, from = -Infinity): number | null {
  let best: number | null = null;
  for (const m of marks) if (m.name === name && m.t >= from && (best === null || m.t < best)) best = m.t;
  return best;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Round for the table and the JSON: 2 decimals under 10, 1 under 100, else integers. */
export function round(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const a = Math.abs(x);
  const d = a < 10 ? 100 : a < 100 ? 10 : 1;
  return Math.round(x * d) / d;
}

// ---- functions evaluated in the page (no closures over runner state) ----------------------

export interface PageReading {
  marks: TimedMark[];
  longtasks: Array<[number, number]>;
  highlights: number;
  floorRuns: number[];
  textChars: number;
  isolated: boolean;
  now: number;
}

/**
 * In the page: our marks, long tasks, highlighted ranges, and the floor — a bare TreeWalker
 * pass concatenating the text of every text node, timed `floorRuns` times in this page.
 */
export function readPage(floorRuns: number): PageReading {
  const marks = performance
    .getEntriesByType('mark')
    .filter((e) => e.name.startsWith('claimlens:'))
    .map((e) => ({ name: e.name, t: e.startTime }));
  const bench = (window as unknown as { __bench?: { longtasks: Array<[number, number]> } }).__bench;
  let highlights = 0;
  const reg = (globalThis as unknown as { CSS?: { highlights?: { forEach(f: (h: { size: number }) => void): void } } }).CSS?.highlights;
  reg?.forEach((h) => (highlights += h.size));
  const runs: number[] = [];
  let textChars = 0;
  for (let i = 0; i < floorRuns; i++) {
    const t0 = performance.now();
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let s = '';
    for (let n = w.nextNode(); n; n = w.nextNode()) s += (n as Text).data;
    runs.push(performance.now() - t0);
    textChars = s.length;
  }
  return { marks, longtasks: bench?.longtasks ?? [], highlights, floorRuns: runs, textChars, isolated: crossOriginIsolated, now: performance.now() };
}

/** In the page: 200 text-node splits and 1,000 appends, the page's own DOM work; returns ms. */
export function pageDomWork(): number {
  const texts: Text[] = [];
  const w = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) if ((n as Text).data.length > 40) texts.push(n as Text);
  const box = document.createElement('div');
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) {
    const t = texts[(i * 7) % texts.length]!;
    t.splitText(t.data.length >> 1);
  }
  document.body.appendChild(box);
  for (let i = 0; i < 1000; i++) {
    const p = document.createElement('p');
    p.textContent = `Update ${i}`;
    box.appendChild(p);
  }
  return performance.now() - t0;
}

/** In the page: append `paras` as <p> to the article in one go; returns the time it started. */
export function appendBurst(paras: string[]): number {
  const t0 = performance.now();
  const article = document.querySelector('article') ?? document.body;
  for (const text of paras) {
    const p = document.createElement('p');
    p.textContent = text;
    article.appendChild(p);
  }
  return t0;
}

/**
 * In the page: append one paragraph per animation frame for `ms`; resolves to start, last
 * append and count. Source text, not a function: the runner's TypeScript loader would wrap an
 * inner named function in a helper (`__name`) that does not exist in the page.
 */
export const APPEND_PER_FRAME_JS = `(paras, ms) => new Promise((resolve) => {
  const article = document.querySelector('article') || document.body;
  const t0 = performance.now();
  let count = 0;
  let last = t0;
  const state = {};
  state.frame = () => {
    const now = performance.now();
    if (now - t0 >= ms) return resolve({ t0, last, count });
    const p = document.createElement('p');
    p.textContent = paras[count % paras.length];
    article.appendChild(p);
    count++;
    last = performance.now();
    requestAnimationFrame(state.frame);
  };
  requestAnimationFrame(state.frame);
})`;
