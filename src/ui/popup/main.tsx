/**
 * The toolbar popup (issue #6): the known claims of this tab's page, grouped by claim, each
 * with how the page has it (reported / attributed to whom / denial reported) and what the
 * dataset holds (outlets, denials); a click goes to the claim on the page and opens its card.
 * A switch pauses claimlens on the site (live). Opened as `popup.html?tab=<id>` it shows that
 * tab (tests, or a popup detached into a tab).
 */
import { render, type JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import '../shared/theme.css';
import './popup.css';
import { browser } from '../../platform/browser.ts';
import { UI_TO_BG, type PopupClaim, type PopupView } from '../../messaging/protocol.ts';
import { sendToBackground, t } from '../shared/api.ts';
import { Switch } from '../shared/Switch.tsx';

/** How often the open popup refreshes (the page may still be scanning, or was just paused). */
const REFRESH_MS = 1000;

async function targetTabId(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function stanceLine(p: PopupClaim['onPage'][number]): string {
  switch (p.stance) {
    case 'asserts':
      return t('popupStanceReported');
    case 'attributes':
      return p.speaker ? t('popupStanceAttributedTo', p.speaker) : t('popupStanceAttributed');
    case 'denies':
      return t('popupStanceDenial');
    case 'questions':
      return t('popupStanceQuestioned');
  }
}

function ClaimRow(props: { claim: PopupClaim; onOpen(claimId: string): void }): JSX.Element {
  const c = props.claim;
  const counts = [t('popupOutlets', String(c.outlets)), t('popupDenials', String(c.denials))].join(' · ');
  return (
    <li class="claim">
      <button type="button" class="claim-button" onClick={() => props.onOpen(c.claimId)} aria-describedby={`claim-${c.claimId}-meta`}>
        <span class="claim-text">{c.text}</span>
      </button>
      <div class="claim-meta" id={`claim-${c.claimId}-meta`}>
        <span class="stances">{c.onPage.map(stanceLine).join(' · ')}</span>
        <span class="muted">{t('popupInDataset', counts)}</span>
      </div>
    </li>
  );
}

function Popup(): JSX.Element {
  const [tabId, setTabId] = useState<number | null>(null);
  const [view, setView] = useState<PopupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async (id: number) => {
    try {
      setView(await sendToBackground({ type: UI_TO_BG.getPopup, tabId: id }));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    let timer = 0;
    void targetTabId().then((id) => {
      setTabId(id);
      if (id === null) return;
      void refresh(id);
      timer = window.setInterval(() => void refresh(id), REFRESH_MS);
    });
    return () => window.clearInterval(timer);
  }, [refresh]);

  const open = async (claimId: string): Promise<void> => {
    if (tabId === null) return;
    await sendToBackground({ type: UI_TO_BG.navigateClaims, tabId, direction: 'next', claimId }).catch(() => undefined);
    // A real popup closes so that the page and its card have the reader's attention.
    if (!new URLSearchParams(location.search).has('tab')) window.close();
  };

  const togglePause = async (paused: boolean): Promise<void> => {
    if (!view?.host || tabId === null) return;
    setBusy(true);
    try {
      await sendToBackground({ type: UI_TO_BG.setSitePaused, host: view.pausedBy ?? view.host, paused });
      await refresh(tabId);
    } finally {
      setBusy(false);
    }
  };

  const openOptions = (e: Event): void => {
    e.preventDefault();
    void browser.runtime.openOptionsPage();
  };

  let body: JSX.Element;
  if (error) body = <p class="errors" role="alert">{error}</p>;
  else if (!view) body = <p class="muted">{t('popupLoading')}</p>;
  else if (!view.reported || view.host === null) body = <p class="empty">{t('popupNotHere')}</p>;
  else if (view.pausedBy) body = <p class="empty" data-state="paused">{t('popupPausedHere', view.pausedBy)}</p>;
  else if (view.claims.length === 0) {
    body = (
      <div class="empty" data-state="empty">
        <p>{t('popupWhat')}</p>
        <p>
          <strong>{t('popupNothingFound')}</strong>
        </p>
      </div>
    );
  } else {
    body = (
      <>
        <h2 id="claims-heading">{t('popupClaimsHeading', String(view.claims.length))}</h2>
        <ul class="claims" aria-labelledby="claims-heading">
          {view.claims.map((c) => (
            <ClaimRow key={c.claimId} claim={c} onOpen={(id) => void open(id)} />
          ))}
        </ul>
        {view.capped > 0 && <p class="notice">{t('popupCapped', String(view.capped))}</p>}
      </>
    );
  }

  return (
    <main class="claimlens-popup">
      <h1>{t('popupHeading')}</h1>
      <div aria-live="polite">{body}</div>
      {view?.host && (
        <div class="pause">
          <Switch checked={view.pausedBy !== null} label={t('popupPauseSite', view.host)} onChange={(p) => void togglePause(p)} disabled={busy} id="pause" />
        </div>
      )}
      <p class="footer">
        <a href="options.html" onClick={openOptions}>
          {t('popupOpenOptions')}
        </a>
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  document.title = t('popupHeading');
  render(<Popup />, root);
}
