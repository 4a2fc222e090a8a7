/**
 * The reader's settings (issue #6): their shape, defaults, and the per-site pause rule.
 * Pure: no browser API; the background stores them (storage.sync) and the content script
 * applies them. Reading a stored value (versions, migrations, recovery) is in storage-schema.ts.
 */

/** How a mark looks on the page. */
export const MARK_STYLES = ['underline', 'background'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

/** How strongly a mark stands out. */
export const MARK_STRENGTHS = ['subtle', 'normal', 'strong'] as const;
export type MarkStrength = (typeof MARK_STRENGTHS)[number];

/** Current version of the stored settings shape. */
export const SETTINGS_VERSION = 1;

/** Bounds of the hover delay (ms) before a card opens. */
export const HOVER_DELAY_MIN = 0;
export const HOVER_DELAY_MAX = 2000;

/** Most paused sites kept (storage.sync allows 8 KB per item; this keeps the item well under it). */
export const MAX_PAUSED_SITES = 200;
/** Longest host name (RFC 1035: 253). */
export const MAX_HOST_LENGTH = 253;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Host names where claimlens is paused (`example.org` also pauses `news.example.org`). */
  pausedSites: string[];
  markStyle: MarkStyle;
  strength: MarkStrength;
  /** Delay before a hovered mark opens its card, in ms. */
  hoverDelayMs: number;
  /** Whether denials and disputes are shown on cards and counted in the popup. */
  showDenials: boolean;
  /** Whether the bundled dataset is used (the reader's imports have their own switch). */
  bundledEnabled: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  pausedSites: [],
  markStyle: 'underline',
  strength: 'normal',
  hoverDelayMs: 250,
  showDenials: true,
  bundledEnabled: true,
});

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, pausedSites: [] };
}

/**
 * The host name of what a reader typed or pasted ("https://www.Example.org/a" → "www.example.org",
 * "example.org" → "example.org"); null when it is not a host name.
 */
export function normalizeSite(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s === '') return null;
  // A URL or a host with a path/port: keep the host only.
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.split(/[/?#]/, 1)[0]!;
  s = s.replace(/:\d+$/, '');
  s = s.replace(/\.$/, '');
  if (s.length === 0 || s.length > MAX_HOST_LENGTH) return null;
  // Letters, digits, hyphens in dot-separated labels (IDNs as punycode), or an IPv4 address.
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (!s.split('.').every((l) => label.test(l))) return null;
  return s;
}

/** The site entry that pauses `host`, or null when claimlens runs there. */
export function pausedBy(settings: Pick<Settings, 'pausedSites'>, host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '') return null;
  for (const site of settings.pausedSites) {
    if (h === site || h.endsWith(`.${site}`)) return site;
  }
  return null;
}

export function isPaused(settings: Pick<Settings, 'pausedSites'>, host: string): boolean {
  return pausedBy(settings, host) !== null;
}

/** Settings with `host` paused (no duplicate) or resumed (every entry that pauses it removed). */
export function withSitePaused(settings: Settings, host: string, paused: boolean): Settings {
  const site = normalizeSite(host);
  if (site === null) return settings;
  if (paused) {
    if (settings.pausedSites.includes(site)) return settings;
    return { ...settings, pausedSites: [...settings.pausedSites, site].slice(-MAX_PAUSED_SITES) };
  }
  return { ...settings, pausedSites: settings.pausedSites.filter((s) => !(site === s || site.endsWith(`.${s}`))) };
}

/** The parts of the settings a content script needs to mark a page. */
export interface Appearance {
  markStyle: MarkStyle;
  strength: MarkStrength;
  hoverDelayMs: number;
  showDenials: boolean;
}

export function appearanceOf(s: Settings): Appearance {
  return { markStyle: s.markStyle, strength: s.strength, hoverDelayMs: s.hoverDelayMs, showDenials: s.showDenials };
}
