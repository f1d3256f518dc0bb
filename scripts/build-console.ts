// Builds the web console (console/, Preact and Chart.js from npm) into generated/console/, which the
// API serves at /console/. `npx tsx scripts/build-console.ts` always builds; `--if-stale` only when
// a source is newer than the last build (setup, `npm start` and the tests' global setup use that).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { CONSOLE_DIR } from '../api/console';

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIR = path.join(ROOT, 'console');
// The installed packages count as sources too: an upgrade of Preact or Chart.js rebuilds.
const EXTRA_SOURCES = [path.join(ROOT, 'package-lock.json'), __filename];
const STAMP = 'index.html';

function newestSource(dir = SOURCE_DIR): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** Whether the bundle in `outDir` is missing or older than a source. */
export function consoleIsStale(outDir = CONSOLE_DIR): boolean {
  const stamp = path.join(outDir, STAMP);
  if (!fs.existsSync(stamp)) return true;
  const sources = Math.max(newestSource(), ...EXTRA_SOURCES.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
  return sources > fs.statSync(stamp).mtimeMs;
}

/** Bundles console/main.tsx (and the CSS it imports) and copies the page; the page is written last, as the stamp. */
export async function buildConsole(outDir = CONSOLE_DIR): Promise<{ outDir: string; ms: number; bytes: number }> {
  const started = Date.now();
  const staging = `${outDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { app: path.join(SOURCE_DIR, 'main.tsx') },
    outdir: staging,
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    platform: 'browser',
  });
  fs.copyFileSync(path.join(SOURCE_DIR, 'index.html'), path.join(staging, STAMP));
  // Swapped in whole, so a server reading the old bundle never sees half of the new one.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  fs.renameSync(staging, outDir);
  const bytes = fs.readdirSync(outDir).reduce((s, f) => s + fs.statSync(path.join(outDir, f)).size, 0);
  return { outDir, ms: Date.now() - started, bytes };
}

/** Builds when the bundle is missing or older than its sources; says whether it did. */
export async function ensureConsoleBuilt(outDir = CONSOLE_DIR): Promise<boolean> {
  if (!consoleIsStale(outDir)) return false;
  await buildConsole(outDir);
  return true;
}

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  (async () => {
    if (ifStale && !consoleIsStale()) return;
    const { outDir, ms, bytes } = await buildConsole();
    console.log(`Console built into ${path.relative(ROOT, outDir)} (${Math.round(bytes / 1024)} KiB) in ${ms} ms`);
  })().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
