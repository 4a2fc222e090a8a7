// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { buildClaimCard, type ClaimCardModel } from '../../../src/core/card.ts';
import { ClaimCard } from '../../../src/ui/card/ClaimCard.tsx';
import { catalogueT } from './catalogue.ts';
import { cardDataset } from '../core/card-fixture.ts';

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

function mount(models: ClaimCardModel[], handlers: { onClose?: () => void; onPin?: (p: boolean) => void; pinned?: boolean } = {}): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(<ClaimCard models={models} pinned={handlers.pinned ?? false} onPin={handlers.onPin ?? (() => {})} onClose={handlers.onClose ?? (() => {})} t={catalogueT} />, root!);
  });
  return root.querySelector<HTMLElement>('[role="dialog"]')!;
}

const kirbyCard = (): ClaimCardModel => buildClaimCard(cardDataset(), 'food-for-weapons', {
  claimId: 'food-for-weapons', start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score: 1,
  stance: 'attributes', speaker: 'John Kirby', speakerId: 'john-kirby', discrepancies: [],
})!;

describe('ClaimCard', () => {
  it('is a dialog labelled by the claim, and names the speaker with role and organisation', () => {
    const dialog = mount([kirbyCard()]);
    const labelId = dialog.getAttribute('aria-labelledby')!;
    expect(dialog.querySelector(`#${labelId}`)?.textContent).toBe('Russia is offering North Korea food in exchange for weapons.');
    const said = dialog.querySelector('section[aria-label="Said by"]')!;
    expect(said.textContent).toContain('John Kirby');
    expect(said.textContent).toContain('National Security Council spokesman, White House');
    expect(said.textContent).toContain('“We also understand that Russia is seeking');
    expect(dialog.querySelector('.cl-page')?.textContent).toBe('This page attributes the claim to John Kirby');
  });

  it('links only safe URLs, in a new tab without opener or referrer; unknown URLs say so', () => {
    const dialog = mount([kirbyCard()]);
    const links = [...dialog.querySelectorAll('a')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\/latinpost\.com\//);
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(dialog.textContent).toContain('URL unknown');
  });

  it('renders hostile dataset strings as inert text', () => {
    const ds = cardDataset();
    ds.claims[0]!.text = '<img src=x onerror="globalThis.pwned=1">Claim';
    ds.sources[1]!.title = '<script>globalThis.pwned=1</script>';
    ds.sources[1]!.url = 'javascript:globalThis.pwned=1';
    const dialog = mount([buildClaimCard(ds, 'food-for-weapons')!]);
    expect(dialog.querySelector('img, script')).toBeNull();
    expect(dialog.textContent).toContain('<img src=x onerror="globalThis.pwned=1">Claim');
    expect(dialog.textContent).toContain('<script>globalThis.pwned=1</script>');
    expect([...dialog.querySelectorAll('a')].some((a) => a.href.startsWith('javascript:'))).toBe(false);
  });

  it('collapses long lists behind "N more outlets" and expands them', () => {
    const dialog = mount([kirbyCard()]);
    const reported = dialog.querySelector('section[aria-label="Reported by"]')!;
    expect(reported.querySelectorAll('li')).toHaveLength(2);
    const more = reported.querySelector<HTMLButtonElement>('button.cl-more')!;
    expect(more.textContent).toBe('1 more outlet');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    act(() => more.click());
    expect(reported.querySelectorAll('li')).toHaveLength(3);
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows denials with a shape, not colour only, and the spelling discrepancy', () => {
    const denial = buildClaimCard(cardDataset(), 'nk-arms-to-russia', {
      claimId: 'nk-arms-to-russia', start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score: 1,
      stance: 'denies', speaker: 'Pyongyang', speakerId: 'north-korea', discrepancies: [],
    })!;
    const dialog = mount([denial, kirbyCard()]);
    const page = dialog.querySelector('.cl-page')!;
    expect(page.getAttribute('data-stance')).toBe('denies');
    expect(page.querySelector('svg.cl-icon-deny')).not.toBeNull();
    expect(page.textContent).toBe('This page reports a denial by Pyongyang');
    const denied = dialog.querySelector('section[aria-label="Denied or disputed by"]')!;
    expect(denied.textContent).toContain('North Korea');
    expect(denied.textContent).toContain('denies');
    expect(denied.textContent).toContain('“Pyongyang has denied the charges.”');
    expect(dialog.querySelectorAll('article')).toHaveLength(2);
    const disc = dialog.querySelector('section[aria-label="Discrepancies between sources"]')!;
    expect([...disc.querySelectorAll('.cl-form')].map((f) => f.textContent)).toEqual(['MkrtychevUS Treasury', 'MkrytchevLatin Post', 'MyrtychevThe Telegraph']);
  });

  it('closes on Escape, pins, and keeps Tab inside the card', () => {
    const onClose = vi.fn();
    const onPin = vi.fn();
    const dialog = mount([kirbyCard()], { onClose, onPin });
    act(() => dialog.querySelector<HTMLButtonElement>('.cl-pin')!.click());
    expect(onPin).toHaveBeenCalledWith(true);
    const focusables = [...dialog.querySelectorAll<HTMLElement>('a[href], button')];
    const last = focusables[focusables.length - 1]!;
    last.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    last.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(focusables[0]);
    const shiftTab = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true });
    focusables[0]!.dispatchEvent(shiftTab);
    expect(document.activeElement).toBe(last);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('the card and content code never parse markup', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
  it.each(['src/ui/card', 'src/content'])('%s has no innerHTML, outerHTML, insertAdjacentHTML or dangerouslySetInnerHTML', (dir) => {
    for (const f of files(dir)) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/);
    }
  });
});
