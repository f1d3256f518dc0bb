// The web console: a static bundle built from console/ (scripts/build-console.ts) and served here
// without a key, since its files hold no data; every call it makes to /api carries the user's key.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Where scripts/build-console.ts writes the bundle. */
export const CONSOLE_DIR = path.resolve(__dirname, '..', 'generated', 'console');
export const BUILD_CONSOLE_COMMAND = 'npx tsx scripts/build-console.ts';

// Only the console's own files and the API of this origin: a script injected through data shown on a
// page could neither load from elsewhere nor send the key elsewhere. Chart.js sizes its canvas inline.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function consoleRoutes(dir = CONSOLE_DIR): Router {
  const router = express.Router({ strict: true });
  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  // Relative links inside the console resolve against /console/, so /console is sent there.
  router.get('/', (req, res, next) => {
    if (req.originalUrl.split('?')[0] !== '/console') return next();
    res.redirect(301, '/console/');
  });
  // A fresh build takes effect on the next load: browsers revalidate (ETag) instead of keeping old files.
  router.use(
    express.static(dir, {
      index: 'index.html',
      redirect: false,
      fallthrough: true,
      setHeaders: (res) => res.set('Cache-Control', 'no-cache'),
    }),
  );
  router.use((req, res) => {
    if (fs.existsSync(path.join(dir, 'index.html'))) {
      res.status(404).type('text/plain').send(`No console file ${req.originalUrl}`);
      return;
    }
    res
      .status(503)
      .type('html')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Console not built</title>' +
          '<h1>The console has not been built</h1>' +
          `<p>Build it with <code>${BUILD_CONSOLE_COMMAND}</code> (<code>npm start</code> and <code>bash scripts/setup.sh</code> do it too), then reload this page.</p>`,
      );
  });
  return router;
}
