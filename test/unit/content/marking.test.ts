// @vitest-environment happy-dom
/**
 * Matches → marks (marking.ts): a rescan's diff of the marks it read, the claims reported, and
 * the marker's bookkeeping around the mark layer (the MAX_MARKS cap and its count, the card
 * hooks around a removal, our own DOM records kept out of the mutation queue).
 */
import { describe, expect, it } from 'vitest';
import { MAX_MARKS, createMarker, diffMarks, foundClaims, type MarkerDeps } from '../../../src/content/marking.ts';
import type { Mark, MarkLayer, MarkSpec } from '../../../src/content/marks.ts';
import type { Slicer } from '../../../src/content/slices.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { LIMITS } from '../../../src/messaging/wire.ts';

const match = (claimId: string, stance: ClaimMatch['stance'] = 'asserts', score = 1): ClaimMatch => ({
  claimId, start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score, stance, speaker: null, speakerId: null, discrepancies: [],
});

const spec = (node: Text, start: number, end: number, claimId = 'c'): MarkSpec => ({
  matches: [match(claimId)],
  range: { startContainer: node, startOffset: start, endContainer: node, endOffset: end },
  text: node.data.slice(start, end),
});

let nextId = 1;
/** A mark as the layer makes it (happy-dom has no StaticRange: the range's fields will do). */
const markOf = (s: MarkSpec): Mark => ({ id: nextId++, kind: 'claim', matches: s.matches, range: { ...s.range, collapsed: false } as StaticRange, text: s.text });

/** A mark layer in memory: what the marker does with it, without painting. */
function fakeLayer(usesHighlights: boolean): MarkLayer & { log: string[] } {
  let marks: Mark[] = [];
  const log: string[] = [];
  return {
    log,
    usesHighlights,
    add(specs) {
      log.push(`add ${specs.length}`);
      const added = specs.map(markOf);
      marks.push(...added);
      return added;
    },
    remove(gone) {
      log.push(`remove ${gone.length}`);
      marks = marks.filter((m) => !gone.includes(m));
    },
    clear: () => (marks = []),
    all: () => marks,
    registered: () => marks.length,
    reveal: () => undefined,
    rects: () => [],
    marksAt: () => [],
    isOurs: () => false,
    destroy: () => undefined,
  } as MarkLayer & { log: string[] };
}

/** A slicer whose slice is spent every `every` looks at the clock (counts its yields). */
function fakeSlicer(every = Infinity): Slicer & { yields: number } {
  let looks = 0;
  const s = {
    yields: 0,
    begin: () => undefined,
    end: () => undefined,
    outOfTime: () => ++looks % every === 0,
    yield: () => {
      s.yields++;
      return Promise.resolve();
    },
    maybeYield: () => (s.outOfTime() ? s.yield() : Promise.resolve()),
    wait: <T>(p: Promise<T>) => p,
    stats: () => ({ slices: 0, busyMs: 0, maxSliceMs: 0, longSlices: 0 }),
  };
  return s;
}

function setup(usesHighlights: boolean, over: Partial<MarkerDeps> = {}) {
  const layer = fakeLayer(usesHighlights);
  const slicer = fakeSlicer();
  const life = new AbortController();
  const log = layer.log;
  let taken = 0;
  const marker = createMarker({
    doc: document,
    layer,
    slicer,
    signal: life.signal,
    takeRecords: () => {
      log.push('take');
      return [{ type: `pending ${++taken}` } as unknown as MutationRecord];
    },
    queueRecords: (records) => log.push(`queue ${records.map((r) => r.type).join()}`),
    watchText: (m) => log.push(`watch ${m.text}`),
    removing: (batch) => log.push(`removing ${batch.length}`),
    removed: (batch) => log.push(`removed ${batch.length}`),
    ...over,
  });
  return { layer, slicer, life, log, marker };
}

function textNode(data: string): Text {
  document.body.textContent = '';
  const p = document.body.appendChild(document.createElement('p'));
  return p.appendChild(document.createTextNode(data));
}

describe('diffMarks', () => {
  it('keeps the marks spotted again, drops the others, adds only the new phrases', () => {
    const t = textNode('alpha bravo charlie delta');
    const [keep, drop] = [markOf(spec(t, 0, 5)), markOf(spec(t, 6, 11))];
    const again = spec(t, 0, 5);
    const added = spec(t, 12, 19);
    const { stale, fresh } = diffMarks([keep, drop], [again, added]);
    expect(stale).toEqual([drop]);
    expect(fresh).toEqual([added]);
  });

  it('a phrase is the same only on the same node, offsets and text', () => {
    const t = textNode('alpha alpha');
    const other = document.body.appendChild(document.createTextNode('alpha alpha'));
    const mark = markOf(spec(t, 0, 5));
    const { stale, fresh } = diffMarks([mark], [spec(t, 6, 11), spec(other, 0, 5)]);
    expect(stale).toEqual([mark]);
    expect(fresh.map((s) => [s.range.startContainer === other, s.range.startOffset])).toEqual([[false, 6], [true, 0]]);
  });

  it('two marks of one phrase (a duplicate) keep one and add nothing', () => {
    const t = textNode('alpha');
    const [a, b] = [markOf(spec(t, 0, 5)), markOf(spec(t, 0, 5))];
    expect(diffMarks([a, b], [spec(t, 0, 5)])).toEqual({ stale: [], fresh: [] });
  });
});

describe('foundClaims', () => {
  it('one entry per claim and stance, the phrase cut to the protocol limit, the score clamped', () => {
    const t = textNode('x'.repeat(LIMITS.maxPhraseLength + 10));
    const long = { ...markOf(spec(t, 0, t.length)), matches: [match('a', 'asserts', 1.5), match('a', 'denies', -1)] };
    const again = { ...markOf(spec(t, 0, 1)), matches: [match('a', 'asserts')] };
    const found = foundClaims([long, again]);
    expect(found.map((f) => [f.claimId, f.stance, f.score, f.phrase.length])).toEqual([
      ['a', 'asserts', 1, LIMITS.maxPhraseLength],
      ['a', 'denies', 0, LIMITS.maxPhraseLength],
    ]);
  });

  it(`stops at LIMITS.maxFoundClaims (${LIMITS.maxFoundClaims})`, () => {
    const t = textNode('alpha');
    const marks = Array.from({ length: LIMITS.maxFoundClaims + 5 }, (_, i) => markOf(spec(t, 0, 5, `c${i}`)));
    expect(foundClaims(marks)).toHaveLength(LIMITS.maxFoundClaims);
  });
});

describe('createMarker', () => {
  it(`marks at most MAX_MARKS (${MAX_MARKS}) phrases and counts the rest until removeAll`, async () => {
    const { layer, marker } = setup(true);
    const t = textNode('alpha');
    await marker.add(Array.from({ length: MAX_MARKS + 7 }, () => spec(t, 0, 5)));
    expect(layer.all()).toHaveLength(MAX_MARKS);
    expect(marker.capped).toBe(7);
    await marker.add([spec(t, 0, 5)]);
    expect(marker.capped).toBe(8);
    await marker.removeAll();
    expect(layer.all()).toHaveLength(0);
    expect(marker.capped).toBe(0);
  });

  it('takes the pending records before touching the page and queues them after; watches highlighted text', async () => {
    const { log, marker } = setup(true);
    const t = textNode('alpha bravo');
    await marker.add([spec(t, 0, 5), spec(t, 6, 11)]);
    expect(log).toEqual(['take', 'add 2', 'watch alpha', 'watch bravo', 'queue pending 1']);
  });

  it('with the wrapping fallback, drops the records of its own wrapping and watches no text', async () => {
    const { log, layer, marker } = setup(false);
    const t = textNode('alpha');
    await marker.add([spec(t, 0, 5)]);
    await marker.remove(layer.all().slice());
    expect(log).toEqual([
      'take', 'add 1', 'take', 'queue pending 1',
      'removing 1', 'take', 'remove 1', 'take', 'removed 1', 'queue pending 3',
    ]);
  });

  it('works in batches of 50, yielding when the slice is spent', async () => {
    const layer = fakeLayer(true);
    const slicer = fakeSlicer(1); // every look finds the slice spent
    const { marker } = setup(true, { layer, slicer });
    const t = textNode('alpha');
    await marker.add(Array.from({ length: 120 }, () => spec(t, 0, 5)));
    expect(layer.log.filter((l) => l.startsWith('add'))).toEqual(['add 50', 'add 50', 'add 20']);
    expect(slicer.yields).toBe(3);
  });

  it('stops adding once the page life is aborted', async () => {
    const { layer, life, marker } = setup(true);
    const t = textNode('alpha');
    life.abort();
    await marker.add([spec(t, 0, 5)]);
    expect(layer.all()).toHaveLength(0);
  });

  it('dropDead removes the marks whose text changed or whose node left, and says so', async () => {
    const { layer, marker } = setup(true);
    const t = textNode('alpha bravo');
    const gone = document.body.appendChild(document.createTextNode('charlie'));
    await marker.add([spec(t, 0, 5), spec(t, 6, 11), spec(gone, 0, 7)]);
    expect(await marker.dropDead()).toBe(false);
    t.replaceData(6, 5, 'BRAVO');
    gone.remove();
    expect(await marker.dropDead()).toBe(true);
    expect(layer.all().map((m) => m.text)).toEqual(['alpha']);
  });

  it('dropDead leaves the wrapping fallback alone (its marks hold their own nodes)', async () => {
    const { layer, marker } = setup(false);
    const t = textNode('alpha');
    await marker.add([spec(t, 0, 5)]);
    t.remove();
    expect(await marker.dropDead()).toBe(false);
    expect(layer.all()).toHaveLength(1);
  });
});
