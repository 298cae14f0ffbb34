// Programs from outside npm that some tests drive: a real Chromium for the dashboard, poppler's
// pdftotext/pdfinfo to read our PDFs back, and PostgreSQL for the suite's second run. Outside CI a missing one skips the tests
// that need it (the run ends with one line naming the Debian package); under CI=true it fails
// the run, so a green CI always means those tests ran.

import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Prerequisite {
  /** what the tests need, in words */
  readonly what: string;
  /** the Debian package that provides it */
  readonly debianPackage: string;
  /** where it was found, or undefined */
  readonly path: string | undefined;
}

export function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` on PATH, the way a shell would find it. */
export function onPath(names: readonly string[], path = process.env.PATH ?? ''): string | undefined {
  for (const name of names) {
    for (const dir of path.split(delimiter)) {
      if (dir && executable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const pinned = env.CHROMIUM_PATH;
  if (pinned) return executable(pinned) ? pinned : undefined;
  return onPath(['chromium', 'chromium-browser', 'google-chrome'], env.PATH);
}

export const CHROMIUM: Prerequisite = { what: 'Chromium (CHROMIUM_PATH or chromium on PATH)', debianPackage: 'chromium', path: findChromium() };
export const PDFTOTEXT: Prerequisite = { what: 'pdftotext and pdfinfo', debianPackage: 'poppler-utils', path: onPath(['pdftotext']) && onPath(['pdfinfo']) };

/** Debian's PostgreSQL binaries (the tests start a private server with them), or a server given by URL. */
export function findPostgres(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ECM_TEST_PG_URL) return env.ECM_TEST_PG_URL;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  const found = versions.map((v) => join(root, v, 'bin', 'initdb')).find(executable);
  return found ?? onPath(['initdb'], env.PATH);
}

export const POSTGRES: Prerequisite = { what: 'PostgreSQL (initdb and postgres, or a server at ECM_TEST_PG_URL)', debianPackage: 'postgresql', path: findPostgres() };

export const PREREQUISITES: readonly Prerequisite[] = [CHROMIUM, PDFTOTEXT, POSTGRES];

export const underCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true' || env.CI === '1';

export function missingMessage(p: Prerequisite): string {
  return `${p.what}: not found; install Debian's ${p.debianPackage} (apt-get install -y ${p.debianPackage})`;
}

export function skippedMessage(p: Prerequisite): string {
  return `skipped: the tests that need ${p.what}; install Debian's ${p.debianPackage} (apt-get install -y ${p.debianPackage}) to run them`;
}

/**
 * For `describe.skipIf(lacks(X))`: true when X is missing and the tests may be skipped; under CI
 * a missing prerequisite throws instead, which fails the file.
 */
export function lacks(p: Prerequisite): boolean {
  if (p.path) return false;
  if (underCi()) throw new Error(`CI=true and ${missingMessage(p)}`);
  return true;
}

/** The Chromium launch options every browser test uses (no downloads, no background traffic). */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  if (!CHROMIUM.path) throw new Error(missingMessage(CHROMIUM));
  return { executablePath: CHROMIUM.path, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
}
