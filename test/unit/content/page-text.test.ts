// @vitest-environment happy-dom
/**
 * page-text: visible text, block breaks and the exact map back to text nodes, on happy-dom
 * (the same code runs on the browser's DOM in the content script).
 */
import { describe, expect, it, test } from 'vitest';
import { extractPageText, locateOffset } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';

function page(html: string): HTMLElement {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  return doc.body;
}

describe('extractPageText', () => {
  it('joins inline elements and breaks at blocks', () => {
    const body = page('<p>Russia is <em>offering</em> <a href="#">food</a>.</p><p>Second <span>para</span>.</p><ul><li>one</li><li>two</li></ul>');
    const t = extractPageText(body);
    expect(wholeText(t)).toBe('Russia is offering food.\nSecond para.\none\ntwo\n');
    expect(t.blockBreaks).toEqual([25, 38, 42, 46]);
  });

  test.each([
    ['script', '<p>kept</p><script>var x = "dropped";</script>'],
    ['style', '<p>kept</p><style>p { color: red } dropped</style>'],
    ['noscript', '<p>kept</p><noscript>dropped</noscript>'],
    ['template', '<p>kept</p><template><p>dropped</p></template>'],
    ['textarea', '<p>kept</p><textarea>dropped</textarea>'],
    ['select', '<p>kept</p><select><option>dropped</option></select>'],
    ['contenteditable', '<p>kept</p><div contenteditable="true">dropped</div>'],
    ['hidden', '<p>kept</p><div hidden>dropped</div>'],
    ['aria-hidden', '<p>kept</p><div aria-hidden="true">dropped</div>'],
    ['nav', '<p>kept</p><nav>dropped</nav>'],
    ['aside', '<p>kept</p><aside>dropped</aside>'],
    ['footer', '<p>kept</p><footer>dropped</footer>'],
    ['header', '<header>dropped</header><p>kept</p>'],
    ['figcaption', '<figure><img alt=""><figcaption>dropped</figcaption></figure><p>kept</p>'],
    ['role=navigation', '<div role="navigation">dropped</div><p>kept</p>'],
  ])('skips %s', (_what, html) => {
    const t = extractPageText(page(html));
    expect(wholeText(t)).toContain('kept');
    expect(wholeText(t)).not.toContain('dropped');
  });

  it('keeps chrome on request, and skips what the injected predicate hides', () => {
    const body = page('<nav>menu</nav><p>kept</p><div class="ours">our card</div><p style="display:none">styled away</p>');
    const t = extractPageText(body, { keepChrome: true, isHidden: (el) => el.classList.contains('ours') || (el as HTMLElement).style.display === 'none' });
    expect(wholeText(t)).toBe('menu\nkept\n');
  });

  it('br ends a sentence', () => {
    const t = extractPageText(page('<p>one<br>two</p>'));
    expect(wholeText(t)).toBe('one\ntwo\n');
  });

  it('maps every offset back to its text node exactly', () => {
    const body = page('<p>Russia is <em>offering</em> food.</p><p>Kirby <b>said</b> so.</p>');
    const t = extractPageText(body);
    for (let i = 0; i < wholeText(t).length; i++) {
      if (wholeText(t)[i] === '\n') continue;
      const at = locateOffset(t, i)!;
      expect(at.node.data[at.offset]).toBe(wholeText(t)[i]);
    }
    const word = wholeText(t).indexOf('said');
    const at = locateOffset(t, word)!;
    expect(at.node.data).toBe('said');
    expect(at.offset).toBe(0);
  });

  it('empty page', () => {
    const t = extractPageText(page(''));
    expect(wholeText(t)).toBe('');
    expect(locateOffset(t, 0)).toBeNull();
  });
});
