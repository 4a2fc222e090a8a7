/**
 * The options page (issue #6): Sites (where claimlens is paused), Appearance (mark style,
 * strength, hover delay, denials), Datasets (the bundled one and the reader's imports: import
 * from a file with every error shown by file/line/field, switch off, export, remove, stats,
 * storage use). Every change goes to the background, which validates, stores and tells the
 * open tabs; this page only shows what the background answers.
 */
import { render, type JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import '../shared/theme.css';
import './options.css';
import { HOVER_DELAY_MAX, HOVER_DELAY_MIN, MARK_STRENGTHS, MARK_STYLES, normalizeSite, type Settings } from '../../core/settings.ts';
import type { DatasetStats, Notice } from '../../core/storage-schema.ts';
import { formatIssue, type DatasetIssue } from '../../dataset/issues.ts';
import { UI_TO_BG, type DatasetsView } from '../../messaging/protocol.ts';
import { formatBytes, sendToBackground, t } from '../shared/api.ts';
import { Switch } from '../shared/Switch.tsx';

function Notices(props: { notices: Notice[]; onDismiss(id: string): void }): JSX.Element | null {
  if (props.notices.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" class="notices">
      <h2 id="notices-heading">{t('optionsNoticesHeading')}</h2>
      {props.notices.map((n) => (
        <div class="notice" role="status" key={n.id}>
          <p>{t(n.code)}</p>
          {n.detail && <p class="detail"><code>{n.detail}</code></p>}
          {n.quarantineKey && <p class="muted">{t('optionsNoticeKept', n.quarantineKey)}</p>}
          <button type="button" onClick={() => props.onDismiss(n.id)}>{t('optionsDismiss')}</button>
        </div>
      ))}
    </section>
  );
}

function Sites(props: { settings: Settings; onChange(patch: Partial<Settings>): Promise<string | null> }): JSX.Element {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    const site = normalizeSite(input);
    if (site === null) {
      setError(t('optionsSiteInvalid', input));
      return;
    }
    const problem = await props.onChange({ pausedSites: [...props.settings.pausedSites.filter((s) => s !== site), site] });
    setError(problem);
    if (!problem) setInput('');
  };
  const sites = props.settings.pausedSites;
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
      <p class="muted">{t('optionsSitesIntro')}</p>
      {sites.length === 0 ? (
        <p data-testid="no-paused-sites">{t('optionsNoPausedSites')}</p>
      ) : (
        <ul class="sites" aria-label={t('optionsPausedSitesLabel')}>
          {sites.map((s) => (
            <li key={s} class="row">
              <span class="site">{s}</span>
              <button type="button" aria-label={t('optionsResumeSite', s)} onClick={() => void props.onChange({ pausedSites: sites.filter((x) => x !== s) })}>
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={(e) => void add(e)}>
        <label for="add-site">{t('optionsAddSiteLabel')}</label>
        <input id="add-site" type="text" value={input} placeholder="example.org" onInput={(e) => setInput(e.currentTarget.value)} aria-invalid={error ? 'true' : 'false'} aria-describedby={error ? 'add-site-error' : undefined} />
        <button type="submit">{t('optionsAddSite')}</button>
      </form>
      {error && <p class="errors" id="add-site-error" role="alert">{error}</p>}
    </section>
  );
}

function Appearance(props: { settings: Settings; onChange(patch: Partial<Settings>): Promise<string | null> }): JSX.Element {
  const s = props.settings;
  const [delay, setDelay] = useState(String(s.hoverDelayMs));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDelay(String(s.hoverDelayMs)), [s.hoverDelayMs]);
  const change = async (patch: Partial<Settings>): Promise<void> => setError(await props.onChange(patch));
  return (
    <section aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{t('optionsAppearanceHeading')}</h2>
      <fieldset>
        <legend>{t('optionsMarkStyle')}</legend>
        {MARK_STYLES.map((style) => (
          <label key={style} class="choice">
            <input type="radio" name="markStyle" value={style} checked={s.markStyle === style} onChange={() => void change({ markStyle: style })} />
            {t(style === 'underline' ? 'optionsMarkUnderline' : 'optionsMarkBackground')}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <label for="strength">{t('optionsStrength')}</label>
        <select id="strength" value={s.strength} onChange={(e) => void change({ strength: e.currentTarget.value as Settings['strength'] })}>
          {MARK_STRENGTHS.map((k) => (
            <option key={k} value={k}>
              {t(k === 'subtle' ? 'optionsStrengthSubtle' : k === 'normal' ? 'optionsStrengthNormal' : 'optionsStrengthStrong')}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <label for="hover-delay">{t('optionsHoverDelay')}</label>
        <input
          id="hover-delay"
          type="number"
          min={HOVER_DELAY_MIN}
          max={HOVER_DELAY_MAX}
          step={50}
          value={delay}
          onInput={(e) => setDelay(e.currentTarget.value)}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            if (e.currentTarget.value.trim() === '' || !Number.isFinite(n) || n < HOVER_DELAY_MIN || n > HOVER_DELAY_MAX) {
              setError(t('optionsHoverDelayInvalid', [String(HOVER_DELAY_MIN), String(HOVER_DELAY_MAX)]));
              return;
            }
            void change({ hoverDelayMs: Math.round(n) });
          }}
        />
        <span class="muted">{t('optionsMilliseconds')}</span>
      </div>
      <div>
        <Switch checked={s.showDenials} label={t('optionsShowDenials')} onChange={(v) => void change({ showDenials: v })} id="show-denials" />
      </div>
      {error && <p class="errors" role="alert">{error}</p>}
    </section>
  );
}

function Stats(props: { stats: DatasetStats }): JSX.Element {
  const s = props.stats;
  const range = s.firstDate ? (s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} – ${s.lastDate}`) : t('optionsUnknown');
  return (
    <dl class="stats">
      <dt>{t('optionsStatClaims')}</dt>
      <dd>{s.claims}</dd>
      <dt>{t('optionsStatSources')}</dt>
      <dd>{s.sources}</dd>
      <dt>{t('optionsStatDates')}</dt>
      <dd>{range}</dd>
    </dl>
  );
}

/** Offers `text` as a file download (a Blob URL, revoked right after). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Datasets(props: { view: DatasetsView | null; reload(): Promise<void> }): JSX.Element {
  const [errors, setErrors] = useState<DatasetIssue[] | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const v = props.view;

  const onFile = async (e: Event): Promise<void> => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setErrors(null);
    setResult(null);
    try {
      const text = await file.text();
      const r = await sendToBackground({ type: UI_TO_BG.importDataset, fileName: file.name, text });
      if (r.ok) setResult(t('optionsImported', [r.meta.name, String(r.stats.claims)]));
      else setErrors(r.errors);
      await props.reload();
    } catch (err) {
      setErrors([{ file: file.name, line: null, col: null, path: '', message: err instanceof Error ? err.message : String(err) }]);
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const act = async (step: () => Promise<unknown>): Promise<void> => {
    try {
      setFailure(null);
      await step();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
    await props.reload();
  };
  const exportIt = (id: string): Promise<void> =>
    act(async () => {
      const r = await sendToBackground({ type: UI_TO_BG.exportDataset, id });
      download(r.fileName, r.text);
    });

  return (
    <section aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">{t('optionsDatasetsHeading')}</h2>
      <p class="muted">{t('optionsDatasetsIntro')}</p>
      <ul class="datasets">
        {v?.bundled && (
          <li class="dataset" data-dataset={v.bundled.id}>
            <h3>{v.bundled.name} <span class="muted">({t('optionsBundled')}, {v.bundled.version})</span></h3>
            <Stats stats={v.bundled.stats} />
            <div class="row">
              <Switch checked={v.bundled.enabled} label={t('optionsUseDataset')} onChange={(en) => void act(() => sendToBackground({ type: UI_TO_BG.setDatasetEnabled, id: v.bundled!.id, enabled: en }))} />
              <button type="button" onClick={() => void exportIt(v.bundled!.id)}>{t('optionsExport')}</button>
            </div>
          </li>
        )}
        {v?.imports.map(({ meta, stats }) => (
          <li class="dataset" key={meta.id} data-dataset={meta.id}>
            <h3>{meta.name}</h3>
            <p class="muted">{t('optionsImportedFrom', [meta.fileName || t('optionsUnknown'), meta.format === 'claimreview' ? 'ClaimReview' : t('optionsNative'), meta.importedAt ? new Date(meta.importedAt).toLocaleString() : t('optionsUnknown')])}</p>
            <Stats stats={stats} />
            <div class="row">
              <Switch checked={meta.enabled} label={t('optionsUseDataset')} onChange={(en) => void act(() => sendToBackground({ type: UI_TO_BG.setDatasetEnabled, id: meta.id, enabled: en }))} />
              <button type="button" onClick={() => void exportIt(meta.id)}>{t('optionsExport')}</button>
              <button type="button" aria-label={t('optionsRemoveDataset', meta.name)} onClick={() => { if (confirm(t('optionsConfirmRemove', meta.name))) void act(() => sendToBackground({ type: UI_TO_BG.removeDataset, id: meta.id })); }}>
                {t('optionsRemove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {v && v.imports.length === 0 && <p data-testid="no-imports">{t('optionsNoImports')}</p>}
      <div class="import">
        <label for="import-file">{t('optionsImportLabel')}</label>{' '}
        <input id="import-file" type="file" accept=".json,.jsonld,.yaml,.yml,application/json,application/ld+json" disabled={busy} onChange={(e) => void onFile(e)} aria-describedby="import-help" />
        <p id="import-help" class="muted">{t('optionsImportHelp')}</p>
      </div>
      <div aria-live="polite">
        {busy && <p>{t('optionsImporting')}</p>}
        {result && <p class="ok" data-testid="import-ok">{result}</p>}
      </div>
      {errors && (
        <div class="errors" role="alert" data-testid="import-errors">
          <p>{t('optionsImportFailed', String(errors.length))}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}><code>{formatIssue(e)}</code></li>
            ))}
          </ul>
        </div>
      )}
      {failure && <p class="errors" role="alert">{failure}</p>}
      {v && (
        <p class={v.storage.near ? 'notice' : 'muted'} data-testid="quota">
          {v.storage.bytesInUse !== null && v.storage.quotaBytes !== null
            ? t(v.storage.near ? 'optionsQuotaNear' : 'optionsQuota', [formatBytes(v.storage.bytesInUse), formatBytes(v.storage.quotaBytes)])
            : v.storage.bytesInUse !== null
              ? t('optionsQuotaNoLimit', formatBytes(v.storage.bytesInUse))
              : ''}
        </p>
      )}
    </section>
  );
}

function Options(): JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [datasets, setDatasets] = useState<DatasetsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reloadDatasets = useCallback(async () => {
    const v = await sendToBackground({ type: UI_TO_BG.listDatasets });
    setDatasets(v);
    setNotices(v.notices);
    const s = await sendToBackground({ type: UI_TO_BG.getSettings });
    setSettings(s.settings);
  }, []);

  useEffect(() => {
    sendToBackground({ type: UI_TO_BG.getSettings })
      .then((r) => {
        setSettings(r.settings);
        setNotices(r.notices);
        return reloadDatasets();
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [reloadDatasets]);

  const change = async (patch: Partial<Settings>): Promise<string | null> => {
    try {
      const r = await sendToBackground({ type: UI_TO_BG.updateSettings, patch });
      setSettings(r.settings);
      setNotices(r.notices);
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  const dismiss = async (id: string): Promise<void> => {
    await sendToBackground({ type: UI_TO_BG.dismissNotice, id });
    setNotices(notices.filter((n) => n.id !== id));
  };

  return (
    <main class="claimlens-options">
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
      {error && <p class="errors" role="alert">{error}</p>}
      <Notices notices={notices} onDismiss={(id) => void dismiss(id)} />
      {settings ? (
        <>
          <Sites settings={settings} onChange={change} />
          <Appearance settings={settings} onChange={change} />
        </>
      ) : (
        !error && <p class="muted">{t('popupLoading')}</p>
      )}
      <Datasets view={datasets} reload={reloadDatasets} />
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  document.title = t('optionsHeading');
  render(<Options />, root);
}
