/**
 * From the one root `manifest.json` to each browser's own manifest. Pure, unit-tested.
 *
 * The root manifest carries both background forms (`service_worker` for Chrome, `scripts` for
 * Firefox) and the Gecko settings; each browser gets only what it reads, so neither warns
 * (Firefox's linter flags BACKGROUND_SERVICE_WORKER_IGNORED; Chrome warns on unknown keys).
 * The version comes from package.json, so there is one version number in the repo.
 */
export type Target = 'chrome' | 'firefox';
export const TARGETS: readonly Target[] = ['chrome', 'firefox'];

type Json = Record<string, unknown>;

interface Background {
  service_worker?: string;
  scripts?: string[];
  type?: string;
}

export function manifestFor(target: Target, root: Json, version: string): Json {
  const m = structuredClone(root);
  m['version'] = version;
  const bg = (m['background'] ?? {}) as Background;
  if (target === 'chrome') {
    if (!bg.service_worker) throw new Error('manifest.json: background.service_worker is required (Chrome)');
    m['background'] = { service_worker: bg.service_worker, ...(bg.type ? { type: bg.type } : {}) };
    delete m['browser_specific_settings'];
  } else {
    if (!bg.scripts?.length) throw new Error('manifest.json: background.scripts is required (Firefox)');
    m['background'] = { scripts: bg.scripts, ...(bg.type ? { type: bg.type } : {}) };
    const gecko = ((m['browser_specific_settings'] ?? {}) as Json)['gecko'] as Json | undefined;
    if (!gecko?.['id'] || !gecko['strict_min_version']) {
      throw new Error('manifest.json: browser_specific_settings.gecko needs id and strict_min_version (Firefox)');
    }
  }
  return m;
}

/** Every file a manifest names (icons, scripts, pages), to check that the build wrote them. */
export function filesNamedBy(m: Json): string[] {
  const files = new Set<string>();
  const addIcons = (icons: unknown) => {
    if (icons && typeof icons === 'object') for (const f of Object.values(icons)) if (typeof f === 'string') files.add(f);
  };
  addIcons(m['icons']);
  const bg = (m['background'] ?? {}) as Background;
  if (bg.service_worker) files.add(bg.service_worker);
  for (const s of bg.scripts ?? []) files.add(s);
  for (const cs of (m['content_scripts'] ?? []) as { js?: string[]; css?: string[] }[]) {
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) files.add(f);
  }
  const action = (m['action'] ?? {}) as Json;
  if (typeof action['default_popup'] === 'string') files.add(action['default_popup']);
  addIcons(action['default_icon']);
  const options = (m['options_ui'] ?? {}) as Json;
  if (typeof options['page'] === 'string') files.add(options['page']);
  if (typeof m['default_locale'] === 'string') files.add(`_locales/${m['default_locale']}/messages.json`);
  return [...files].sort();
}
