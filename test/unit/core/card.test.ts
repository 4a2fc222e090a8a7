import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildClaimCard, containsWord, displayText, MAX_ITEMS, MAX_TEXT, quantities, roleAt, safeHttpUrl, stripControls } from '../../../src/core/card.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { cardDataset } from './card-fixture.ts';

/** No lone surrogate (String#isWellFormed is ES2024, beyond our lib). */
const wellFormed = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

const match = (over: Partial<ClaimMatch> = {}): ClaimMatch => ({
  claimId: 'food-for-weapons', start: 0, end: 10, sentenceStart: 0, sentenceEnd: 20, score: 0.9,
  stance: 'attributes', speaker: 'John Kirby', speakerId: 'john-kirby', discrepancies: [], ...over,
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://example.org/a?b=1#c', 'https://example.org/a?b=1#c'],
    ['http://example.org', 'http://example.org/'],
    ['  https://example.org/x  ', 'https://example.org/x'],
  ])('accepts %s', (raw, expected) => expect(safeHttpUrl(raw)).toBe(expected));
  it.each([
    'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd',
    'unknown', '', '//example.org/x', '/relative', 'https://', 'https://user:pw@example.org/', 'https://exa mple.org',
    'https://example.org/\u202Egnp.exe', 'ftp://example.org/', null, undefined,
  ])('refuses %s', (raw) => expect(safeHttpUrl(raw as string | null)).toBeNull());
});

describe('display text', () => {
  it('strips bidi controls and zero-width characters but keeps the words', () => {
    expect(stripControls('a\u202Eb\u2066c\u200Fd\u200Be')).toBe('abcde');
  });
  it('caps long strings with an ellipsis, never splitting a surrogate pair', () => {
    const long = 'x'.repeat(MAX_TEXT - 2) + '😀'.repeat(10);
    const out = displayText(long);
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(out.endsWith('…')).toBe(true);
    expect(wellFormed(out)).toBe(true);
  });
  it('keeps short text as is (whitespace collapsed)', () => expect(displayText('  a \n b ')).toBe('a b'));
  it('is always well formed and within the cap (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 1200 }), fc.integer({ min: 2, max: 700 }), (s, max) => {
      const out = displayText(s, max);
      return out.length <= max && wellFormed(out) && !/[\u202A-\u202E\u2066-\u2069]/.test(out);
    }));
  });
});

describe('roleAt', () => {
  const kirby = cardDataset().entities.find((e) => e.id === 'john-kirby')!;
  it('takes the latest role stated on or before the date', () => {
    expect(roleAt(kirby, '2023-03-30')?.title).toBe('National Security Council spokesman');
    expect(roleAt(kirby, '2022-05-01')?.title).toBe('Pentagon press secretary');
  });
  it('falls back to the earliest later role (with its date shown)', () => expect(roleAt(kirby, '2000-01-01')?.asOf).toBe('2021-02-01'));
});

describe('quantities', () => {
  it('reads digits and number words, not years', () => {
    expect(quantities('more than two dozen kinds in 2023 and 9,000 pieces').map((q) => q.value)).toEqual([24, 9000]);
    expect(quantities('hundreds of attack drones').map((q) => q.value)).toEqual([100]);
  });
});

describe('buildClaimCard', () => {
  it('returns null for an unknown claim', () => expect(buildClaimCard(cardDataset(), 'nope')).toBeNull());

  it('names who said it with the role and organisation of the statement date', () => {
    const card = buildClaimCard(cardDataset(), 'food-for-weapons')!;
    expect(card.claim).toBe('Russia is offering North Korea food in exchange for weapons.');
    expect(card.saidBy.items).toHaveLength(1);
    const said = card.saidBy.items[0]!;
    expect(said.speaker).toEqual({ entityId: 'john-kirby', name: 'John Kirby', role: 'National Security Council spokesman', organisation: 'White House', roleAsOf: '2023-03-30' });
    expect(said.quote).toContain('Russia is offering North Korea food in exchange for munitions');
    expect(said.source.outlet).toBe('The Telegraph');
    expect(said.date).toBe('2023-03-30');
  });

  it('lists each outlet with its verbatim wording, a safe link or none, and its upstream sources', () => {
    const ds = cardDataset();
    const card = buildClaimCard(ds, 'food-for-weapons')!;
    const outlets = card.reportedBy.items.map((r) => r.source.outlet);
    expect(outlets).toEqual(['The Telegraph', 'Latin Post', 'Latin Post']);
    for (const r of card.reportedBy.items) {
      const st = ds.statements.find((s) => s.source === r.source.id && s.quote === r.quote);
      expect(st, r.quote).toBeDefined(); // verbatim
    }
    const telegraph = card.reportedBy.items[0]!;
    expect(telegraph.source.url).toBeNull(); // unknown stays unknown
    expect(telegraph.source.author).toBeNull();
    const lp = card.reportedBy.items.find((r) => r.stance === 'asserts')!;
    expect(lp.source.url).toMatch(/^https:\/\/latinpost\.com\//);
    expect(lp.date).toBe('2023-03-30'); // from the source's publication date
    expect(lp.via.map((v) => v.outlet)).toEqual(['Associated Press News']);
    expect(lp.speaker).toBeNull();
  });

  it('puts denials under Denied by, not under Reported by', () => {
    const card = buildClaimCard(cardDataset(), 'nk-arms-to-russia')!;
    expect(card.deniedBy.items).toHaveLength(1);
    expect(card.deniedBy.items[0]).toMatchObject({ stance: 'denies', quote: 'Pyongyang has denied the charges.', who: { name: 'North Korea' }, date: '2023-03-30' });
    expect(card.reportedBy.items.map((r) => r.stance)).toEqual(['asserts']);
  });

  it('shows the spellings of key entities with who uses which', () => {
    const card = buildClaimCard(cardDataset(), 'food-for-weapons')!;
    const sp = card.discrepancies.items.find((d) => d.kind === 'spelling');
    expect(sp).toBeDefined();
    if (sp?.kind !== 'spelling') throw new Error('no spelling discrepancy');
    expect(sp.forms).toEqual([
      { form: 'Mkrtychev', usedBy: ['US Treasury'], canonical: true },
      { form: 'Mkrytchev', usedBy: ['Latin Post'], canonical: false },
      { form: 'Myrtychev', usedBy: ['The Telegraph'], canonical: false },
    ]);
    expect(sp.message).toBe('Ashot Mkrtychev: Mkrtychev (US Treasury) / Mkrytchev (Latin Post) / Myrtychev (The Telegraph)');
  });

  it("names the entity's name authority as a user of the canonical spelling", () => {
    const ds = cardDataset();
    ds.statements = ds.statements.filter((s) => s.source !== 'us-treasury-2023-03-30');
    ds.entities.find((e) => e.id === 'ashot-mkrtychev')!.roles = [];
    expect(buildClaimCard(ds, 'food-for-weapons')!.discrepancies.items.find((d) => d.kind === 'spelling')?.message).toBe(
      'Ashot Mkrtychev: Mkrtychev / Mkrytchev (Latin Post) / Myrtychev (The Telegraph)');
    const ds2 = cardDataset();
    ds2.statements = ds2.statements.filter((s) => s.source !== 'us-treasury-2023-03-30');
    Object.assign(ds2.entities.find((e) => e.id === 'ashot-mkrtychev')!, { roles: [], nameAuthority: 'US Treasury' });
    expect(buildClaimCard(ds2, 'food-for-weapons')!.discrepancies.items.find((d) => d.kind === 'spelling')?.message).toBe(
      'Ashot Mkrtychev: Mkrtychev (US Treasury) / Mkrytchev (Latin Post) / Myrtychev (The Telegraph)');
  });

  it('reports numbers that differ between outlets, and not equal ones', () => {
    expect(buildClaimCard(cardDataset(), 'food-for-weapons')!.discrepancies.items.some((d) => d.kind === 'number')).toBe(false);
    const ds = cardDataset();
    ds.statements.push({ id: 'x', claim: 'food-for-weapons', source: 'telegraph-2023-03-30', quote: 'over three dozen kinds of weapons', speaker: null, stance: 'asserts', via: null, date: null, rating: null });
    const nd = buildClaimCard(ds, 'food-for-weapons')!.discrepancies.items.find((d) => d.kind === 'number');
    expect(nd?.message).toBe('Numbers differ: “two dozen” (Latin Post) vs “three dozen” (The Telegraph)');
  });

  it('relates the page sentence and carries the match discrepancies', () => {
    const m = match({ discrepancies: [{ kind: 'spelling', found: 'Myrtychev', expected: 'Mkrtychev', authority: 'US Treasury', message: 'spelling: "Myrtychev" vs "Mkrtychev" (US Treasury)' }] });
    const card = buildClaimCard(cardDataset(), 'food-for-weapons', m)!;
    expect(card.onThisPage).toEqual({ stance: 'attributes', label: 'This page attributes the claim to John Kirby', speaker: 'John Kirby', score: 0.9 });
    expect(card.discrepancies.items[0]).toMatchObject({ kind: 'page', found: 'Myrtychev', expected: 'Mkrtychev' });
    const denial = buildClaimCard(cardDataset(), 'nk-arms-to-russia', match({ claimId: 'nk-arms-to-russia', stance: 'denies', speaker: null, speakerId: 'north-korea' }))!;
    expect(denial.onThisPage?.label).toBe('This page reports a denial by North Korea');
    expect(buildClaimCard(cardDataset(), 'nk-arms-to-russia', match())!.onThisPage).toBeNull(); // a match of another claim
  });

  it('lists related claims both ways', () => {
    const card = buildClaimCard(cardDataset(), 'food-for-weapons')!;
    expect(card.related.items).toEqual([
      { id: 'nk-arms-to-russia', text: 'North Korea has supplied arms to Russia.', relation: 'context-for', inverse: false, label: 'Context for' },
      { id: 'lonely', text: 'A claim nobody reported.', relation: 'contradicts', inverse: true, label: 'Contradicted by' },
    ]);
    const lonely = buildClaimCard(cardDataset(), 'lonely')!;
    expect(lonely.saidBy.items).toEqual([]);
    expect(lonely.firstReported).toBeNull();
  });

  it('caps lists and counts the rest, caps long and hostile strings, refuses bad links', () => {
    const ds = cardDataset();
    for (let i = 0; i < MAX_ITEMS + 7; i++) {
      ds.sources.push({ id: `o${i}`, outlet: `Outlet ${i}\u202E`, title: '<img src=x onerror=alert(1)>', author: null, published: '2023-04-01', url: i % 2 ? 'data:text/html,x' : 'javascript:alert(1)', cites: [], text: null });
      ds.statements.push({ id: `q${i}`, claim: 'food-for-weapons', source: `o${i}`, quote: 'y'.repeat(1_000_000), speaker: null, stance: 'asserts', via: null, date: null, rating: null });
    }
    const card = buildClaimCard(ds, 'food-for-weapons')!;
    expect(card.reportedBy.items).toHaveLength(MAX_ITEMS);
    expect(card.reportedBy.omitted).toBe(3 + MAX_ITEMS + 7 - MAX_ITEMS);
    for (const r of card.reportedBy.items) {
      expect(r.quote.length).toBeLessThanOrEqual(MAX_TEXT);
      expect(r.source.outlet).not.toMatch(/\u202E/);
      if (r.source.id.startsWith('o')) expect(r.source.url).toBeNull();
    }
    // HTML in data stays plain text in the model (the card renders it as text).
    expect(card.reportedBy.items.find((r) => r.source.id === 'o0')?.source.title).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('containsWord', () => {
  it('finds whole words only, case as given, next to any script and surrogate pairs', () => {
    expect(containsWord('sanctions on ashot mkrtychev, a slovak', 'mkrtychev')).toBe(true);
    expect(containsWord('mkrtychevs', 'mkrtychev')).toBe(false);
    expect(containsWord('xmkrtychev mkrtychev', 'mkrtychev')).toBe(true);
    expect(containsWord('😀mkrtychev😀', 'mkrtychev')).toBe(true);
    expect(containsWord('é mkrtychevé', 'mkrtychev')).toBe(false);
    expect(containsWord('', 'a')).toBe(false);
    expect(containsWord('a', '')).toBe(false);
  });
  it('takes a 1 MB name without a regular expression (it once overflowed the regex compiler)', () => {
    const name = 'Russia is offering North Korea food. '.repeat(30_000);
    expect(containsWord(`x ${name.toLowerCase()} y`, name.toLowerCase())).toBe(true);
  });
});
