import fs from 'node:fs';
import path from 'node:path';
import { dropTemplates } from './databases';

export default async function globalTeardown() {
  await dropTemplates(
    [process.env.TEST_TEMPLATE_OPERATIONS, process.env.TEST_TEMPLATE_PRODUCTION].filter((n): n is string => !!n && !n.startsWith('/')),
  );
  for (const v of ['TEST_WORKFLOW_BUNDLE', 'TEST_TEMPLATE_OPERATIONS', 'TEST_TEMPLATE_PRODUCTION']) {
    const file = process.env[v];
    if (file && file.startsWith('/') && fs.existsSync(file)) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
