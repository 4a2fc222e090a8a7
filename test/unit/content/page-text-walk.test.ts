// @vitest-environment happy-dom
/**
 * The resumable page walk (issue #8): read in slices, it gives exactly what one pass gives;
 * nesting 10,000 deep costs no stack; a walk whose place was pulled from the page says so.
 */
import { describe, expect, it } from 'vitest';
import { createTextExtractor, extractPageText } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';

function body(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html').body;
}

const HTML = '<h1>Title</h1><p>Russia is <em>offering</em> food.</p><nav>menu</nav><ul><li>one</li><li>two<br>three</li></ul>' +
  '<div><div><p>deep <b>bold</b></p>tail</div></div><script>x</script><p hidden>no</p>' +
  Array.from({ length: 700 }, (_, i) => `<p>Paragraph ${i} <span>with</span> text.</p>`).join('');

describe('createTextExtractor', () => {
  it('read in slices of a few hundred nodes, it gives exactly what one pass gives', () => {
    const root = body(HTML);
    const whole = extractPageText(root);
    const walk = createTextExtractor(root);
    let steps = 0;
    for (;;) {
      const r = walk.step(() => true); // out of time at every look at the clock
      steps++;
      if (r === 'done') break;
      expect(r).toBe('paused');
    }
    expect(steps).toBeGreaterThan(3);
    const sliced = walk.result();
    expect(wholeText(sliced)).toBe(wholeText(whole));
    expect(sliced.blockBreaks).toEqual(whole.blockBreaks);
    expect(sliced.starts).toEqual(whole.starts);
    const nodes = (p: typeof whole): (Text | null)[] => p.starts.map((_, i) => p.nodeAt(i));
    expect(nodes(sliced)).toEqual(nodes(whole));
    expect(nodes(sliced).every((t) => t !== null)).toBe(true);
  });

  it('walks 10,000 nested elements without recursion and keeps their blocks', () => {
    const root = body('');
    const doc = root.ownerDocument;
    let at: Element = root;
    for (let d = 1; d <= 10_000; d++) {
      if (d % 2500 === 0) at.appendChild(doc.createElement('p')).textContent = `at ${d}`;
      at = at.appendChild(doc.createElement(d % 2 ? 'div' : 'span'));
    }
    at.appendChild(doc.createElement('p')).textContent = 'bottom';
    const t = extractPageText(root);
    expect(wholeText(t)).toBe('at 2500\nat 5000\nat 7500\nat 10000\nbottom\n');
  });

  it("says 'lost' when the node it stood on left the page between two steps", () => {
    const root = body(HTML);
    const walk = createTextExtractor(root);
    expect(walk.step(() => true)).toBe('paused');
    // Remove every paragraph but the first: the walk's place (a few dozen nodes in) is gone.
    expect(walk.visited).toBeGreaterThan(3);
    const ps = root.querySelectorAll('p');
    for (const p of [...ps].slice(1)) p.remove();
    expect(walk.step(() => false)).toBe('lost');
  });
});
