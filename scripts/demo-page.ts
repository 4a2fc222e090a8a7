/**
 * The demo news page that `npm start` and the end-to-end tests open: the seed articles in
 * test/fixtures/demo/*.txt (each a `key: value` source header, `---`, then the text), laid out
 * as a realistic news page (header, nav, article, aside, footer) with each article's source
 * header shown. All text is HTML-escaped; nothing is fetched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoArticle {
  file: string;
  header: Record<string, string>;
  paragraphs: string[];
}

export function parseSourceText(file: string, text: string): DemoArticle {
  const sep = text.indexOf('\n---\n');
  if (sep < 0) throw new Error(`${file}: no '---' line after the source header`);
  const header: Record<string, string> = {};
  text
    .slice(0, sep)
    .split('\n')
    .forEach((line, i) => {
      const m = /^([a-z_]+):\s*(.*)$/.exec(line);
      if (!m) throw new Error(`${file}:${i + 1}: expected 'key: value' in the source header`);
      header[m[1]!] = m[2]!;
    });
  for (const key of ['outlet', 'title', 'published']) {
    if (!header[key]) throw new Error(`${file}: source header lacks '${key}'`);
  }
  const paragraphs = text
    .slice(sep + 5)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { file, header, paragraphs };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A short line without closing punctuation reads as a subheading. */
function isSubheading(p: string): boolean {
  return p.length < 60 && !/[.!?:"”’)]$/.test(p);
}

function renderArticle(a: DemoArticle, n: number): string {
  const h = a.header;
  const [first, ...rest] = a.paragraphs;
  const known = (v: string | undefined) => (v && v !== 'unknown' ? escapeHtml(v) : '<em>unknown</em>');
  const body = rest.map((p) => (isSubheading(p) ? `<h2>${escapeHtml(p)}</h2>` : `<p>${escapeHtml(p)}</p>`)).join('\n        ');
  return `
    <article id="article-${n}" aria-labelledby="headline-${n}">
      <aside class="source-header" aria-label="Source of this copy">
        <strong>Source:</strong> ${escapeHtml(h['outlet']!)}, “${escapeHtml(h['title']!)}”,
        by ${known(h['author'])}, published ${escapeHtml(h['published']!)}; URL: ${known(h['url'])}
        <span class="file">(test/fixtures/demo/${escapeHtml(a.file)})</span>
      </aside>
      <h1 id="headline-${n}">${escapeHtml(h['title']!)}</h1>
      <p class="byline">By ${known(h['author'])} · ${escapeHtml(h['outlet']!)} · <time datetime="${escapeHtml(h['published']!)}">${escapeHtml(h['published']!)}</time></p>
      <div class="article-body">
        ${first ? `<p class="standfirst">${escapeHtml(first)}</p>` : ''}
        ${body}
      </div>
    </article>`;
}

const STYLE = `
  body { margin: 0; font: 18px/1.55 Georgia, serif; color: #1a1a1a; background: #fafaf7; }
  header.masthead { background: #1d3557; color: #fff; padding: 12px 24px; }
  header.masthead .brand { font: 700 28px/1.2 Georgia, serif; }
  nav ul { display: flex; gap: 18px; list-style: none; margin: 8px 0 0; padding: 0; font: 14px sans-serif; }
  nav a { color: #dfe7f2; }
  .layout { display: grid; grid-template-columns: minmax(0, 720px) 260px; gap: 32px; max-width: 1040px; margin: 24px auto; padding: 0 24px; }
  .notice { font: 14px sans-serif; background: #fff3cd; border: 1px solid #e0c36c; padding: 8px 12px; }
  .source-header { font: 13px/1.4 sans-serif; color: #444; border-left: 3px solid #c1121f; padding: 4px 10px; margin: 24px 0 8px; background: #fff; }
  .source-header .file { color: #777; }
  h1 { font-size: 32px; line-height: 1.2; margin: 8px 0; }
  .byline { font: 14px sans-serif; color: #555; }
  .standfirst { font-size: 20px; color: #333; }
  aside.sidebar { font: 15px sans-serif; border-top: 4px solid #1d3557; padding-top: 8px; }
  footer { font: 13px sans-serif; color: #666; text-align: center; padding: 24px; border-top: 1px solid #ddd; }
`;

export function renderDemoPage(articles: DemoArticle[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>The Daily Demo: Russia, North Korea and the food-for-weapons deal</title>
  <style>${STYLE}</style>
</head>
<body>
  <header class="masthead">
    <div class="brand">The Daily Demo</div>
    <nav aria-label="Sections">
      <ul><li><a href="#article-1">World</a></li><li><a href="#article-2">Europe</a></li><li><a href="#">Politics</a></li><li><a href="#">Opinion</a></li></ul>
    </nav>
  </header>
  <div class="layout">
    <main>
      <p class="notice">Demo page for claimlens. The articles below are verbatim copies of the sources
        named in their header, kept as test fixtures; this site is not a real outlet.</p>
      ${articles.map((a, i) => renderArticle(a, i + 1)).join('\n')}
    </main>
    <aside class="sidebar" aria-label="More from The Daily Demo">
      <h2>Most read</h2>
      <ol><li><a href="#">Weather: a mild weekend ahead</a></li><li><a href="#">Local elections: how to vote</a></li><li><a href="#">Recipes for spring</a></li></ol>
    </aside>
  </div>
  <footer>The Daily Demo is a test page of the claimlens project. Served from 127.0.0.1; nothing here is fetched from the network.</footer>
</body>
</html>
`;
}

/** The demo page from every `*.txt` in `dir`, in file-name order. */
export function demoPageFrom(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return renderDemoPage(files.map((f) => parseSourceText(f, readFileSync(join(dir, f), 'utf8'))));
}
