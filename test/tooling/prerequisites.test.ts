// How the suite finds the programs some tests drive, and what it does when one is missing:
// skipped outside CI with the package named, a failure under CI=true.

import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, lacks, onPath, skippedMessage, type Prerequisite } from '../support/prerequisites.js';

const dirs: string[] = [];
function binDir(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-bin-'));
  dirs.push(dir);
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}
const savedCi = process.env.CI;
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (savedCi === undefined) delete process.env.CI;
  else process.env.CI = savedCi;
});

const missing: Prerequisite = { what: 'pdftotext and pdfinfo', debianPackage: 'poppler-utils', path: undefined };

describe('test prerequisites', () => {
  it('finds Chromium through CHROMIUM_PATH first, then chromium, chromium-browser or google-chrome on PATH', () => {
    const pinned = join(binDir('my-chrome'), 'my-chrome');
    expect(findChromium({ CHROMIUM_PATH: pinned, PATH: binDir('chromium') })).toBe(pinned);
    expect(findChromium({ CHROMIUM_PATH: '/nowhere/chrome', PATH: binDir('chromium') })).toBeUndefined();
    const other = binDir('google-chrome');
    expect(findChromium({ PATH: `${binDir()}:${other}` })).toBe(join(other, 'google-chrome'));
    expect(findChromium({ PATH: binDir('chromium-browser', 'chromium') })).toMatch(/\/chromium$/);
    expect(findChromium({ PATH: binDir() })).toBeUndefined();
  });

  it('skips outside CI and names the Debian package to install', () => {
    delete process.env.CI;
    expect(lacks(missing)).toBe(true);
    expect(skippedMessage(missing)).toBe("skipped: the tests that need pdftotext and pdfinfo; install Debian's poppler-utils (apt-get install -y poppler-utils) to run them");
    expect(onPath(['pdftotext'], binDir('pdftotext'))).toMatch(/pdftotext$/);
  });

  it('fails under CI=true instead of skipping', () => {
    process.env.CI = 'true';
    expect(() => lacks(missing)).toThrow("CI=true and pdftotext and pdfinfo: not found; install Debian's poppler-utils (apt-get install -y poppler-utils)");
    expect(lacks({ ...missing, path: '/usr/bin/pdftotext' })).toBe(false);
  });
});
