import fs from 'node:fs';
import path from 'node:path';

export default async function globalTeardown() {
  for (const v of ['TEST_WORKFLOW_BUNDLE', 'TEST_TEMPLATE_OPERATIONS', 'TEST_TEMPLATE_PRODUCTION']) {
    const file = process.env[v];
    if (file && file.startsWith('/') && fs.existsSync(file)) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
