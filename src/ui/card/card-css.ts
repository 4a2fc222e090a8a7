/**
 * The card's stylesheet. It lives inside the card's closed shadow root (adopted as a
 * constructed stylesheet, which no page CSP `style-src` can block), so it neither leaks into
 * the page nor takes in the page's styles; `:host { all: initial }` cuts inheritance.
 *
 * Visual language: stance is carried by icon shape and words; colour only reinforces it.
 * Light and dark follow `prefers-color-scheme`; `forced-colors` falls back to system colours;
 * `prefers-reduced-motion` removes the fade.
 */
export const CARD_CSS = `
:host { all: initial !important; }
*, *::before, *::after { box-sizing: border-box; }
.cl-card {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d8dee4; --soft: #f4f6f8;
  --accent: #0b57d0; --deny: #a1260d; --deny-soft: #fdf0ec; --warn: #7a4d00; --warn-soft: #fff6e0;
  --said: #0b57d0; --said-soft: #eef3fd; --shadow: 0 8px 28px rgba(15, 23, 42, .18), 0 1px 3px rgba(15, 23, 42, .12);
  position: fixed; top: 0; left: 0;
  width: min(392px, calc(100vw - 16px));
  max-height: min(72vh, 560px);
  display: flex; flex-direction: column;
  background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: 10px; box-shadow: var(--shadow);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none;
  overflow: hidden; pointer-events: auto; outline: none;
  animation: cl-in 120ms ease-out;
}
@keyframes cl-in { from { opacity: 0; transform: translateY(3px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .cl-card { animation: none; } }
@media (prefers-color-scheme: dark) {
  .cl-card {
    --bg: #1c2128; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --soft: #262c36;
    --accent: #8ab4f8; --deny: #ffa28b; --deny-soft: #3a2420; --warn: #f2cc60; --warn-soft: #35301c;
    --said: #8ab4f8; --said-soft: #1f2a3c; --shadow: 0 8px 28px rgba(0, 0, 0, .5);
  }
}
.cl-card:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.cl-top { display: flex; align-items: center; justify-content: space-between; gap: 8px;
  padding: 6px 6px 6px 12px; border-bottom: 1px solid var(--line); background: var(--soft); }
.cl-brand { display: inline-flex; align-items: center; gap: 6px; font-size: 11.5px; font-weight: 600; color: var(--muted);
  letter-spacing: .02em; }
.cl-logo { width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--accent); display: inline-block; }
.cl-actions { display: inline-flex; gap: 2px; }
.cl-btn { all: unset; display: inline-flex; align-items: center; justify-content: center; width: 26px; height: 26px;
  border-radius: 6px; color: var(--muted); cursor: pointer; }
.cl-btn:hover { background: var(--line); color: var(--fg); }
.cl-btn:focus-visible, .cl-more:focus-visible, .cl-link:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.cl-pin[aria-pressed="true"] { color: var(--accent); background: var(--said-soft); }
.cl-body { overflow: auto; padding: 10px 12px 4px; overscroll-behavior: contain; }
.cl-claim + .cl-claim { border-top: 2px solid var(--line); margin-top: 10px; padding-top: 10px; }
.cl-page { display: flex; align-items: flex-start; gap: 6px; margin: 0 0 8px; padding: 5px 8px; border-radius: 6px;
  font-size: 12px; font-weight: 600; background: var(--said-soft); color: var(--said); border-inline-start: 3px solid currentColor; }
.cl-page-denies, .cl-page-questions { background: var(--deny-soft); color: var(--deny); border-inline-start-style: dashed; }
.cl-page .cl-icon { margin-top: 2px; }
.cl-claim-text { margin: 0; font-size: 15px; line-height: 1.35; font-weight: 650; color: var(--fg); }
.cl-claim-meta { margin: 3px 0 0; color: var(--muted); font-size: 11.5px; }
.cl-section { margin-top: 12px; }
.cl-h { display: flex; align-items: center; gap: 6px; margin: 0 0 4px; font-size: 11px; font-weight: 700;
  text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.cl-denied .cl-h { color: var(--deny); }
.cl-disc .cl-h { color: var(--warn); }
.cl-count { font-weight: 600; border: 1px solid var(--line); border-radius: 8px; padding: 0 5px; font-size: 10.5px; letter-spacing: 0; }
.cl-list { list-style: none; margin: 0; padding: 0; }
.cl-item { display: flex; flex-direction: column; gap: 2px; padding: 6px 0 6px 10px; border-inline-start: 2px solid var(--line); margin: 4px 0; }
.cl-said .cl-item { border-inline-start-color: var(--said); }
.cl-denied .cl-item { border-inline-start: 2px dashed var(--deny); }
.cl-person { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 6px; }
.cl-name { font-weight: 650; }
.cl-role { color: var(--muted); font-size: 12px; }
.cl-quote { margin: 2px 0; padding: 0; font-style: italic; color: var(--fg); overflow-wrap: anywhere; }
.cl-source { color: var(--muted); font-size: 11.5px; overflow-wrap: anywhere; }
.cl-outlet { font-weight: 600; color: var(--fg); }
.cl-title { font-size: 12px; color: var(--fg); }
.cl-link { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; display: inline-flex; align-items: center; gap: 2px; }
.cl-unknown { color: var(--muted); font-style: italic; }
.cl-via, .cl-meta, .cl-note { color: var(--muted); font-size: 11.5px; }
.cl-note { margin: 2px 0 0; }
.cl-verb { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 6px; color: var(--deny); }
.cl-verb .cl-person, .cl-verb .cl-name { color: var(--fg); }
.cl-stance { font-weight: 700; font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; }
.cl-more { all: unset; cursor: pointer; color: var(--accent); font-size: 12px; font-weight: 600; padding: 2px 0; }
.cl-more:hover { text-decoration: underline; }
.cl-disc { display: block; overflow-wrap: anywhere; }
.cl-forms { display: flex; flex-wrap: wrap; gap: 4px 6px; margin-top: 3px; }
.cl-form { display: inline-flex; align-items: baseline; gap: 4px; border: 1px solid var(--line); border-radius: 6px; padding: 1px 6px; }
.cl-form-name { font-weight: 650; }
.cl-canonical { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; }
.cl-form-by { color: var(--muted); font-size: 11px; }
.cl-rel-label { font-weight: 600; font-size: 11.5px; color: var(--muted); }
.cl-foot { padding: 5px 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 10.5px; }
.cl-icon { flex: none; vertical-align: -2px; }
.cl-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (forced-colors: active) {
  .cl-card { border: 2px solid CanvasText; background: Canvas; color: CanvasText; forced-color-adjust: auto; }
  .cl-page { border: 1px solid CanvasText; }
  .cl-link { color: LinkText; }
  .cl-btn, .cl-more { color: ButtonText; border: 1px solid ButtonText; }
  .cl-pin[aria-pressed="true"] { background: Highlight; color: HighlightText; }
}
`;
