// Once per test run: migrate template databases and bundle the workflows, so each test file
// starts from a copy instead of paying for migrations and webpack again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureConsoleBuilt } from '../../scripts/build-console';
import { prepareTemplates, usePostgres } from './databases';

export default async function globalSetup() {
  const started = Date.now();
  // The API of every test serves the console; the browser test needs it current.
  await ensureConsoleBuilt();
  const templates = await prepareTemplates();
  process.env.TEST_TEMPLATE_OPERATIONS = templates.operations;
  process.env.TEST_TEMPLATE_PRODUCTION = templates.production;
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bundle-')), 'workflows.js');
  fs.writeFileSync(file, bundle.code);
  process.env.TEST_WORKFLOW_BUNDLE = file;
  console.log(
    `\n[setup] ${usePostgres() ? 'PostgreSQL' : 'SQLite'} templates migrated and workflows bundled in ${Date.now() - started} ms`,
  );
}
