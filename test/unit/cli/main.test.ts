import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('claimlens bin', () => {
  it('prints its version', () => {
    const out = execFileSync('node', ['bin/claimlens.js', '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(pkg.version);
  });
  it('prints help naming its commands', () => {
    const out = execFileSync('node', ['bin/claimlens.js', '--help'], { encoding: 'utf8' });
    expect(out).toContain('scan');
    expect(out).toContain('dataset');
  });
});
