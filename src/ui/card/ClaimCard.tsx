/**
 * The claim card (issue #5): renders `ClaimCardModel`s (src/core/card.ts) as text only.
 *
 * - Never parses markup (no HTML-setting APIs): every dataset string is a text child.
 * - Links only for the model's safe http(s) URLs, opened with rel="noopener noreferrer".
 * - role="dialog" labelled by the (first) claim; Escape closes; Tab stays inside the card.
 * - Stance is shown by icon shape + words, never by colour alone.
 * Styles: card-css.ts, adopted by the shadow root that hosts the card (content/card-host.ts).
 */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type {
  CappedList,
  CardDenial,
  CardDiscrepancy,
  CardPerson,
  CardReport,
  CardSaying,
  CardSource,
  ClaimCardModel,
} from '../../core/card.ts';
import type { PageStance } from '../../core/model.ts';
import { TranslateContext, more, useT, type Translate } from './i18n.ts';

/** Items shown before a list collapses behind "N more …". */
export const VISIBLE_ITEMS = 2;

export interface ClaimCardProps {
  /** The claims of the phrase (usually one; a sentence can report several). */
  models: ClaimCardModel[];
  pinned: boolean;
  onPin: (pinned: boolean) => void;
  onClose: () => void;
  /** A prefix that keeps element ids unique. */
  idPrefix?: string;
  /** The string catalogue (browser.i18n.getMessage in the extension). */
  t: Translate;
}

type IconName = 'said' | 'report' | 'deny' | 'question' | 'warn' | 'link' | 'pin' | 'close' | 'related';

/** Small inline SVG icons: shapes that tell stances apart without colour. */
function Icon({ name }: { name: IconName }): JSX.Element {
  const common = { class: `cl-icon cl-icon-${name}`, viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true' as const, focusable: 'false' as const };
  switch (name) {
    case 'said': // speech bubble
      return <svg {...common}><path d="M2 3h12v8H7l-3 3v-3H2z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" /></svg>;
    case 'report': // document with lines
      return <svg {...common}><path d="M3 1.5h7l3 3v10H3z M5.5 7h5 M5.5 9.5h5 M5.5 12h3" fill="none" stroke="currentColor" stroke-width="1.5" /></svg>;
    case 'deny': // circle with a bar
      return <svg {...common}><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.8" /><path d="M3.8 12.2 12.2 3.8" stroke="currentColor" stroke-width="1.8" /></svg>;
    case 'question':
      return <svg {...common}><circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.5" /><path d="M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.5-.6 1v.6" fill="none" stroke="currentColor" stroke-width="1.5" /><circle cx="8" cy="11.6" r=".9" fill="currentColor" /></svg>;
    case 'warn': // triangle
      return <svg {...common}><path d="M8 1.8 15 14H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" /><path d="M8 6v4" stroke="currentColor" stroke-width="1.6" /><circle cx="8" cy="12" r=".9" fill="currentColor" /></svg>;
    case 'link':
      return <svg {...common}><path d="M9 2h5v5 M14 2 7.5 8.5 M12 9.5V14H2V4h4.5" fill="none" stroke="currentColor" stroke-width="1.5" /></svg>;
    case 'pin':
      return <svg {...common}><path d="M5.5 1.5h5l-1 4 2.5 3h-8l2.5-3z M8 8.5V15" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" /></svg>;
    case 'close':
      return <svg {...common}><path d="M3.5 3.5l9 9 M12.5 3.5l-9 9" stroke="currentColor" stroke-width="1.8" /></svg>;
    case 'related':
      return <svg {...common}><path d="M6 10 10 6 M4.5 8 2.8 9.7a2.4 2.4 0 0 0 3.5 3.5L8 11.5 M8 4.5l1.7-1.7a2.4 2.4 0 0 1 3.5 3.5L11.5 8" fill="none" stroke="currentColor" stroke-width="1.5" /></svg>;
  }
}

const PAGE_ICON: Record<PageStance, IconName> = { asserts: 'report', attributes: 'said', denies: 'deny', questions: 'question' };

function SourceLine({ source, date }: { source: CardSource; date: string | null }): JSX.Element {
  const t = useT();
  return (
    <span class="cl-source">
      <span class="cl-outlet">{source.outlet}</span>
      <span class="cl-sep" aria-hidden="true"> · </span>
      <span class="cl-date">{date ?? source.published ?? t('card_dateUnknown')}</span>
      <span class="cl-sep" aria-hidden="true"> · </span>
      {source.url ? (
        <a class="cl-link" href={source.url} target="_blank" rel="noopener noreferrer" title={source.url}>
          {t('card_openSource')}
          <Icon name="link" />
          <span class="cl-sr">{` ${t('card_opensNewTab')}`}</span>
        </a>
      ) : (
        <span class="cl-unknown">{t('card_urlUnknown')}</span>
      )}
    </span>
  );
}

function Person({ person }: { person: CardPerson }): JSX.Element {
  const t = useT();
  const role = [person.role, person.organisation].filter((x): x is string => x !== null).join(', ');
  return (
    <span class="cl-person">
      <strong class="cl-name">{person.name}</strong>
      {role ? <span class="cl-role">{role}</span> : <span class="cl-role cl-unknown">{t('card_roleUnknown')}</span>}
    </span>
  );
}

function Quote({ text }: { text: string }): JSX.Element {
  // Quotes that carry their own quotation marks keep them; others get typographic ones.
  const quoted = /^["“‘'«„]/.test(text);
  return <blockquote class="cl-quote">{quoted ? text : `“${text}”`}</blockquote>;
}

function Collapsible<T>({ list, noun, render }: { list: CappedList<T>; noun: Parameters<typeof more>[1]; render: (item: T, i: number) => ComponentChildren }): JSX.Element {
  const t = useT();
  const [open, setOpen] = useState(false);
  const shown = open ? list.items : list.items.slice(0, VISIBLE_ITEMS);
  const hidden = list.items.length - shown.length;
  return (
    <>
      <ul class="cl-list">{shown.map((item, i) => <li key={i} class="cl-item">{render(item, i)}</li>)}</ul>
      {hidden > 0 || open ? (
        <button type="button" class="cl-more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('card_showFewer') : more(t, noun, hidden + list.omitted)}
        </button>
      ) : null}
      {open && list.omitted > 0 ? <p class="cl-note">{t('card_notShown', String(list.omitted))}</p> : null}
    </>
  );
}

function Section({ icon, title, count, kind, children }: { icon: IconName; title: string; count?: number; kind: string; children: ComponentChildren }): JSX.Element {
  return (
    <section class={`cl-section cl-${kind}`} aria-label={title}>
      <h3 class="cl-h">
        <Icon name={icon} />
        <span>{title}</span>
        {count !== undefined ? <span class="cl-count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function Saying({ s }: { s: CardSaying }): JSX.Element {
  const t = useT();
  return (
    <>
      <Person person={s.speaker} />
      <Quote text={s.quote} />
      <SourceLine source={s.source} date={s.date} />
      {s.via ? <span class="cl-via">{t('card_via', s.via.outlet)}</span> : null}
    </>
  );
}

function Report({ r }: { r: CardReport }): JSX.Element {
  const t = useT();
  return (
    <>
      <SourceLine source={r.source} date={r.date} />
      {r.source.title ? <span class="cl-title">{r.source.title}</span> : null}
      <Quote text={r.quote} />
      {r.speaker ? <span class="cl-meta">{t('card_attributedTo', r.speaker.name)}</span> : null}
      {r.rating ? <span class="cl-meta">{t('card_rating', r.rating)}</span> : null}
      {r.via.length ? <span class="cl-via">{t('card_via', r.via.map((v) => v.outlet).join(', '))}</span> : null}
    </>
  );
}

function Denial({ d }: { d: CardDenial }): JSX.Element {
  const t = useT();
  return (
    <>
      <span class="cl-verb">
        <Icon name={d.stance === 'denies' ? 'deny' : 'question'} />
        {d.who ? <Person person={d.who} /> : <strong class="cl-name">{d.source.outlet}</strong>}
        <span class="cl-stance">{d.stance === 'denies' ? t('card_denies') : t('card_disputes')}</span>
      </span>
      <Quote text={d.quote} />
      <SourceLine source={d.source} date={d.date} />
      {d.via ? <span class="cl-via">{t('card_via', d.via.outlet)}</span> : null}
    </>
  );
}

function Forms({ forms }: { forms: { form: string; usedBy: string[]; canonical?: boolean }[] }): JSX.Element {
  const t = useT();
  return (
    <span class="cl-forms">
      {forms.map((f, i) => (
        <span key={i} class="cl-form">
          <span class={f.canonical ? 'cl-form-name cl-canonical' : 'cl-form-name'}>{f.form}</span>
          <span class="cl-form-by">{f.usedBy.length ? f.usedBy.join(', ') : t('card_sourceNotRecorded')}</span>
        </span>
      ))}
    </span>
  );
}

function Discrepancy({ d }: { d: CardDiscrepancy }): JSX.Element {
  const t = useT();
  if (d.kind === 'spelling') {
    return (
      <span class="cl-disc">
        <span class="cl-meta">{t('card_spelledAs', d.entity)}</span>
        <Forms forms={d.forms} />
      </span>
    );
  }
  if (d.kind === 'number') {
    return (
      <span class="cl-disc">
        <span class="cl-meta">{t('card_numbersDiffer')}</span>
        <Forms forms={d.forms} />
      </span>
    );
  }
  const text =
    d.of === 'number'
      ? t('card_pageNumber', [d.found, d.expected])
      : d.authority
        ? t('card_pageSpellingBy', [d.found, d.expected, d.authority])
        : t('card_pageSpelling', [d.found, d.expected]);
  return <span class="cl-disc">{text}</span>;
}

/** How the page's sentence stands to the claim, in the reader's language. */
function pageLabel(t: Translate, stance: PageStance, speaker: string | null): string {
  switch (stance) {
    case 'asserts':
      return t('card_page_asserts');
    case 'attributes':
      return speaker ? t('card_page_attributesTo', speaker) : t('card_page_attributes');
    case 'denies':
      return speaker ? t('card_page_deniesBy', speaker) : t('card_page_denies');
    case 'questions':
      return speaker ? t('card_page_questionsBy', speaker) : t('card_page_questions');
  }
}

const RELATION_KEY = { 'context-for': 'card_rel_contextFor', 'part-of': 'card_rel_partOf', contradicts: 'card_rel_contradicts' } as const;

function ClaimSection({ model, headingId }: { model: ClaimCardModel; headingId: string }): JSX.Element {
  const t = useT();
  const rel = model.onThisPage;
  return (
    <article class="cl-claim" data-claim-id={model.claimId}>
      {rel ? (
        <p class={`cl-page cl-page-${rel.stance}`} data-stance={rel.stance}>
          <Icon name={PAGE_ICON[rel.stance]} />
          <span>{pageLabel(t, rel.stance, rel.speaker)}</span>
        </p>
      ) : null}
      <h2 class="cl-claim-text" id={headingId}>{model.claim}</h2>
      <p class="cl-claim-meta">{t('card_firstReported', model.firstReported ?? t('card_unknown'))}</p>

      <Section icon="said" title={t('card_saidBy')} kind="said" count={model.saidBy.items.length + model.saidBy.omitted}>
        {model.saidBy.items.length ? (
          <Collapsible list={model.saidBy} noun="speaker" render={(s) => <Saying s={s} />} />
        ) : (
          <p class="cl-unknown">{t('card_noSpeaker')}</p>
        )}
      </Section>

      <Section icon="report" title={t('card_reportedBy')} kind="reported" count={model.reportedBy.items.length + model.reportedBy.omitted}>
        {model.reportedBy.items.length ? (
          <Collapsible list={model.reportedBy} noun="outlet" render={(r) => <Report r={r} />} />
        ) : (
          <p class="cl-unknown">{t('card_noOutlet')}</p>
        )}
      </Section>

      {model.deniedBy.items.length ? (
        <Section icon="deny" title={t('card_deniedBy')} kind="denied" count={model.deniedBy.items.length + model.deniedBy.omitted}>
          <Collapsible list={model.deniedBy} noun="denial" render={(d) => <Denial d={d} />} />
        </Section>
      ) : null}

      {model.discrepancies.items.length ? (
        <Section icon="warn" title={t('card_discrepancies')} kind="disc">
          <Collapsible list={model.discrepancies} noun="discrepancy" render={(d) => <Discrepancy d={d} />} />
        </Section>
      ) : null}

      {model.related.items.length ? (
        <Section icon="related" title={t('card_related')} kind="related">
          <Collapsible
            list={model.related}
            noun="related"
            render={(r) => (
              <>
                <span class="cl-rel-label">{t(r.inverse ? `${RELATION_KEY[r.relation]}_inverse` : RELATION_KEY[r.relation])}</span> <span class="cl-rel-text">{r.text}</span>
              </>
            )}
          />
        </Section>
      ) : null}
    </article>
  );
}

/** The elements Tab may land on inside the card. */
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keep Tab inside the dialog; Escape closes it. */
function onKeyDown(e: KeyboardEvent, onClose: () => void): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    onClose();
    return;
  }
  if (e.key !== 'Tab') return;
  const dialog = e.currentTarget as HTMLElement;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const root = dialog.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  if (e.shiftKey && (active === first || active === dialog)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

export function ClaimCard({ models, pinned, onPin, onClose, idPrefix = 'cl', t }: ClaimCardProps): JSX.Element {
  const headingId = (i: number): string => `${idPrefix}-claim-${i}`;
  return (
    <TranslateContext.Provider value={t}>
    <div
      class="cl-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId(0)}
      tabIndex={-1}
      onKeyDown={(e) => onKeyDown(e as unknown as KeyboardEvent, onClose)}
    >
      <header class="cl-top">
        <span class="cl-brand">
          <span class="cl-logo" aria-hidden="true" />
          {models.length > 1 ? t('card_brandMany', String(models.length)) : t('card_brandOne')}
        </span>
        <span class="cl-actions">
          <button type="button" class="cl-btn cl-pin" aria-pressed={pinned} title={pinned ? t('card_unpinTitle') : t('card_pinTitle')} onClick={() => onPin(!pinned)}>
            <Icon name="pin" />
            <span class="cl-sr">{pinned ? t('card_unpin') : t('card_pin')}</span>
          </button>
          <button type="button" class="cl-btn cl-close" title={t('card_closeTitle')} onClick={onClose}>
            <Icon name="close" />
            <span class="cl-sr">{t('card_close')}</span>
          </button>
        </span>
      </header>
      <div class="cl-body">
        {models.map((m, i) => <ClaimSection key={m.claimId} model={m} headingId={headingId(i)} />)}
      </div>
      <footer class="cl-foot">{models[0] ? `${models[0].dataset.name} ${models[0].dataset.version}` : ''}</footer>
    </div>
    </TranslateContext.Provider>
  );
}
