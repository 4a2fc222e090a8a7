// @vitest-environment happy-dom
/**
 * The page's changes (changes.ts): what the queue keeps of the observer's records (ours and
 * the card's dropped), when it gives up sorting them out (a full scan), and which blocks a
 * rescan reads again (the outermost ones).
 */
import { describe, expect, it } from 'vitest';
import { createChangeQueue, type ChangeQueueDeps } from '../../../src/content/changes.ts';
import type { Slicer } from '../../../src/content/slices.ts';

const slicer: Slicer = {
  begin: () => undefined,
  end: () => undefined,
  outOfTime: () => false,
  yield: () => Promise.resolve(),
  maybeYield: () => Promise.resolve(),
  wait: (p) => p,
  stats: () => ({ slices: 0, busyMs: 0, maxSliceMs: 0, longSlices: 0 }),
};

function setup(over: Partial<ChangeQueueDeps> = {}) {
  document.body.innerHTML = '<article><p id="a">Alpha <b id="ab">bold</b></p><div id="d"><p id="b">Bravo</p></div></article><p id="c">Charlie</p>';
  let queuedCalls = 0;
  const changes = createChangeQueue({
    doc: document,
    win: window as unknown as Window & typeof globalThis,
    slicer,
    ownsUi: () => false,
    isOurs: () => false,
    onQueued: () => queuedCalls++,
    ...over,
  });
  return { changes, calls: () => queuedCalls };
}

const byId = (id: string): Element => document.getElementById(id)!;
const list = (nodes: Node[]): NodeList => nodes as unknown as NodeList;
const childList = (target: Node, added: Node[] = [], removed: Node[] = []): MutationRecord =>
  ({ type: 'childList', target, addedNodes: list(added), removedNodes: list(removed) }) as unknown as MutationRecord;
const textEdit = (target: Node): MutationRecord => ({ type: 'characterData', target, addedNodes: list([]), removedNodes: list([]) }) as unknown as MutationRecord;

describe('createChangeQueue', () => {
  it('a rescan reads the outermost changed blocks, once each, and empties the queue', async () => {
    const { changes, calls } = setup();
    changes.queueRecords([textEdit(byId('ab').firstChild!), childList(byId('b'), [byId('b').firstChild!]), childList(byId('d'), [], [document.createElement('p')])]);
    expect(calls()).toBe(1);
    expect(changes.pending()).toBe(true);
    const roots = await changes.takeRoots();
    expect(roots!.map((r) => r.id).sort()).toEqual(['a', 'd']);
    expect(changes.pending()).toBe(false);
  });

  it('drops records of our own mark nodes and of the card, keeps the rest', async () => {
    const ours = document.createElement('x-mark');
    const card = document.createElement('claimlens-card');
    const { changes } = setup({ isOurs: (n) => n === ours, ownsUi: (n) => n === card });
    changes.queueRecords([childList(byId('a'), [ours]), childList(byId('b'), [], [ours]), childList(card, [document.createElement('p')]), textEdit(card)]);
    expect(changes.pending()).toBe(false);
    changes.queueRecords([childList(byId('c'), [ours, byId('c').firstChild!])]);
    expect((await changes.takeRoots())!.map((r) => r.id)).toEqual(['c']);
  });

  it('a change of <body> itself, or more than 200 blocks, asks for a full scan (null)', async () => {
    const { changes } = setup();
    changes.queueRecords([childList(document.body, [], [document.createElement('p')])]);
    expect(await changes.takeRoots()).toBeNull();
    document.body.replaceChildren(...Array.from({ length: 201 }, () => document.createElement('p')));
    changes.queueRecords([...document.body.children].map((p) => textEdit(p)));
    expect(await changes.takeRoots()).toBeNull();
    document.body.replaceChildren(...Array.from({ length: 200 }, () => document.createElement('p')));
    changes.queueRecords([...document.body.children].map((p) => textEdit(p)));
    expect(await changes.takeRoots()).toHaveLength(200);
  });

  it('over 5,000 queued targets, it stops sorting them out: one full scan, taken once', () => {
    const { changes } = setup();
    const many = Array.from({ length: 5001 }, () => textEdit(document.createTextNode('x')));
    changes.queueRecords(many);
    expect(changes.takeFull()).toBe(true);
    expect(changes.pending()).toBe(false);
    expect(changes.takeFull()).toBe(false);
    changes.requestFull();
    expect(changes.pending()).toBe(true);
    expect(changes.takeFull()).toBe(true);
  });

  it('the observer queues real page changes under the watched containers, not under page chrome', async () => {
    document.body.innerHTML = '<nav><p id="n">Menu</p></nav><main><p id="m">Text</p></main>';
    let calls = 0;
    const changes = createChangeQueue({
      doc: document, win: window as unknown as Window & typeof globalThis, slicer, ownsUi: () => false, isOurs: () => false, onQueued: () => calls++,
    });
    changes.watchContainers();
    byId('n').append(' more');
    await new Promise((r) => setTimeout(r, 0));
    expect(changes.pending()).toBe(false);
    byId('m').append(' more');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    expect((await changes.takeRoots())!.map((r) => r.id)).toEqual(['m']);
    changes.disconnect();
  });
});
