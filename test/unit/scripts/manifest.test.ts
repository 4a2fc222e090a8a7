import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { filesNamedBy, manifestFor } from '../../../scripts/manifest.ts';

const root = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;

describe('manifestFor', () => {
  it('gives Chrome a service worker and no Gecko settings', () => {
    const m = manifestFor('chrome', root, '1.2.3');
    expect(m['background']).toEqual({ service_worker: 'background.js' });
    expect(m['browser_specific_settings']).toBeUndefined();
    expect(m['version']).toBe('1.2.3');
  });
  it('gives Firefox background scripts and keeps the Gecko id, min version and data consent', () => {
    const m = manifestFor('firefox', root, '1.2.3');
    expect(m['background']).toEqual({ scripts: ['background.js'] });
    const gecko = (m['browser_specific_settings'] as { gecko: Record<string, unknown> }).gecko;
    expect(gecko['id']).toMatch(/@/);
    expect(gecko['strict_min_version']).toBeTruthy();
    expect(gecko['data_collection_permissions']).toEqual({ required: ['none'] });
  });
  it('leaves the root manifest untouched', () => {
    const before = JSON.stringify(root);
    manifestFor('chrome', root, '9.9.9');
    expect(JSON.stringify(root)).toBe(before);
  });
  it('refuses a root manifest without the background a browser needs', () => {
    expect(() => manifestFor('chrome', { background: { scripts: ['b.js'] } }, '1')).toThrow(/service_worker/);
    expect(() => manifestFor('firefox', { background: { service_worker: 'b.js' } }, '1')).toThrow(/scripts/);
  });
});

describe('the root manifest', () => {
  it('asks for the least: storage only, no host permissions, content scripts on http(s) only', () => {
    expect(root['permissions']).toEqual(['storage']);
    expect(root['host_permissions']).toBeUndefined();
    expect(root['content_security_policy']).toBeUndefined();
    const cs = root['content_scripts'] as { matches: string[]; js: string[] }[];
    expect(cs).toHaveLength(1);
    expect(cs[0]!.matches).toEqual(['http://*/*', 'https://*/*']);
    expect(cs[0]!.js).toEqual(['content.js']);
  });
  it('names every file the build must write', () => {
    expect(filesNamedBy(manifestFor('chrome', root, '1'))).toEqual(
      expect.arrayContaining(['background.js', 'content.js', 'popup.html', 'options.html', 'icons/icon-128.png', '_locales/en/messages.json']),
    );
  });
  it('uses only messages that the locale catalogue defines', () => {
    const messages = JSON.parse(readFileSync('extension/_locales/en/messages.json', 'utf8')) as Record<string, unknown>;
    const used = [...JSON.stringify(root).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const key of used) expect(messages, key).toHaveProperty(key);
  });
});
