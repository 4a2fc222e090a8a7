import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { demoPageFrom, escapeHtml, parseSourceText, renderDemoPage } from '../../../scripts/demo-page.ts';

describe('demo page', () => {
  it('shows each fixture article with its source header', () => {
    const html = demoPageFrom('test/fixtures/demo');
    expect(html.match(/<article /g)).toHaveLength(2);
    expect(html).toContain('<strong>Source:</strong> Latin Post');
    expect(html).toContain('<strong>Source:</strong> The Telegraph');
    // An unknown URL or author stays unknown, never invented.
    expect(html).toContain('by <em>unknown</em>, published 2023-03-30; URL: <em>unknown</em>');
  });
  it('keeps every paragraph of the fixtures, verbatim once unescaped', () => {
    for (const f of ['latinpost-2023-03-30.txt', 'telegraph-2023-03-30.txt']) {
      const article = parseSourceText(f, readFileSync(`test/fixtures/demo/${f}`, 'utf8'));
      const html = renderDemoPage([article]);
      for (const p of article.paragraphs) expect(html).toContain(escapeHtml(p));
    }
  });
  it('escapes markup in the text', () => {
    const a = parseSourceText('x.txt', 'outlet: A<b>\ntitle: T\npublished: 2023-01-01\n---\n<script>alert(1)</script>\nsecond & "third"\n');
    const html = renderDemoPage([a]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('A<b>');
    expect(html).toContain('second &#38; &#34;third&#34;');
  });
  it('names the file and line of a bad header', () => {
    expect(() => parseSourceText('bad.txt', 'outlet: A\nnot a header line\n---\ntext')).toThrow('bad.txt:2');
    expect(() => parseSourceText('bad.txt', 'outlet: A\ntitle: T\n---\ntext')).toThrow(/lacks 'published'/);
    expect(() => parseSourceText('bad.txt', 'no separator')).toThrow(/---/);
  });
});
