// The console's build and its serving when no bundle is there (no Temporal needed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import { BUILD_CONSOLE_COMMAND, consoleRoutes } from '../../api/console';
import { buildConsole, consoleIsStale } from '../../scripts/build-console';

async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const app = express().use('/console', consoleRoutes(dir));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

test('without a bundle the console page says which command builds it', async () => {
  const { url, server } = await serve(fs.mkdtempSync(path.join(os.tmpdir(), 'no-console-')));
  try {
    const res = await fetch(`${url}/console/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(BUILD_CONSOLE_COMMAND);
  } finally {
    server.close();
  }
});

test('a build writes the page, script and styles, and is current until a source changes', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'console-build-')), 'console');
  expect(consoleIsStale(out)).toBe(true);
  await buildConsole(out);
  expect(fs.readdirSync(out)).toEqual(expect.arrayContaining(['index.html', 'app.js', 'app.css']));
  expect(consoleIsStale(out)).toBe(false);
  // Nothing is loaded from another origin at run time.
  expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).not.toMatch(/https?:\/\//);
  const { url, server } = await serve(out);
  try {
    const res = await fetch(`${url}/console/app.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('X-API-Key');
  } finally {
    server.close();
  }
});
