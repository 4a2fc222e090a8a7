/**
 * The toolbar badge (issue #6): how many distinct known claims the tab's page holds; nothing
 * when claimlens is paused there or found none. The text is set per tab, so the browser shows
 * the active tab's own count and keeps it when the service worker stops.
 */
import type { FoundClaim } from '../messaging/protocol.ts';

export interface BadgeDeps {
  setText(tabId: number, text: string): Promise<void>;
}

/** The badge text for what a page reported. */
export function badgeText(found: readonly FoundClaim[], paused: boolean): string {
  if (paused) return '';
  const n = new Set(found.map((f) => f.claimId)).size;
  if (n === 0) return '';
  return n > 99 ? '99+' : String(n);
}

export function createBadge(deps: BadgeDeps): { show(tabId: number, found: readonly FoundClaim[], paused: boolean): Promise<void> } {
  return {
    async show(tabId, found, paused) {
      // A tab that closed meanwhile: nothing to show.
      await deps.setText(tabId, badgeText(found, paused)).catch(() => undefined);
    },
  };
}
