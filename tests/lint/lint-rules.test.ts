// The lint gate's rules, run by the real ESLint on source text placed at a real path: workflow
// code is held to the sandbox's rules, other code is not, and promises nobody handles are errors.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

// One ESLint process for every case: building the type information is the slow part.
const LINT_CASES = `
import { ESLint } from 'eslint';
const cases = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => r(s)); }));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const c of cases) out.push((await eslint.lintText(c.code, { filePath: c.file }))[0].messages);
process.stdout.write(JSON.stringify(out));
`;

/** `rule@line` for each finding ESLint reports on each code as if it were the file at its path. */
function lint(...cases: { file: string; code: string }[]): string[][] {
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_CASES], {
    cwd: ROOT,
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`eslint failed (${res.status}): ${res.stderr}`);
  const results = JSON.parse(res.stdout) as { ruleId: string | null; line: number; message: string }[][];
  return results.map((messages) =>
    messages.map((m) => {
      if (!m.ruleId) throw new Error(`not linted: ${m.message}`);
      return `${m.ruleId}@${m.line}`;
    }),
  );
}

const forbidden = [
  "import fs from 'fs';",
  "import { randomUUID } from 'node:crypto';",
  "import { z } from 'zod';",
  "import { Prisma } from '@prisma/client';",
  "import { Client } from '@temporalio/client';",
  "import { Context } from '@temporalio/activity';",
  "import { openStores } from '../../db/clients';",
  "import { createOperationsActivities } from '../../activities/operations';",
  "import type { OperationsActivities } from '../../activities/operations';",
  "import { ops } from '../shared/activities';",
  "import { sleep } from '@temporalio/workflow';",
  'export async function probe(a: OperationsActivities) {',
  '  setTimeout(() => undefined, 5);',
  '  const r = Math.random();',
  '  const e = process.env.X;',
  '  await sleep(1);',
  '  return [fs, randomUUID, z, Prisma, Client, Context, openStores, createOperationsActivities, ops, r, e, a];',
  '}',
].join('\n');

const promises = [
  'export async function work(): Promise<void> {}',
  'export function caller(items: number[]) {',
  '  work();',
  '  items.forEach(async () => { await work(); });',
  '  void work(); // handled on purpose',
  '}',
].join('\n');

let found: string[][];
beforeAll(() => {
  found = lint(
    { file: 'workflows/order/credit.ts', code: forbidden },
    { file: 'domain/orders/order-view.ts', code: forbidden.replace("'../shared/activities'", "'../../workflows/shared/activities'") },
    { file: 'api/errors.ts', code: promises },
    { file: 'workflows/order/credit.ts', code: promises },
  );
});

test('workflow code: Node modules, zod, Prisma, the database, activity values and SDK client modules are refused; timers, randomness and process too', () => {
  expect(found[0].sort()).toEqual(
    [
      '@typescript-eslint/no-restricted-imports@1',
      '@typescript-eslint/no-restricted-imports@2',
      '@typescript-eslint/no-restricted-imports@3',
      '@typescript-eslint/no-restricted-imports@4',
      '@typescript-eslint/no-restricted-imports@5',
      '@typescript-eslint/no-restricted-imports@6',
      '@typescript-eslint/no-restricted-imports@7',
      '@typescript-eslint/no-restricted-imports@8',
      // 9: activities as a type, 10: the proxies, 11: the workflow API are allowed
      'no-restricted-globals@13',
      'no-restricted-globals@15',
      'no-restricted-properties@14',
    ].sort(),
  );
});

test('the same code outside workflows/ meets only the general rules', () => {
  expect(found[1]).toEqual([]);
});

test('a promise nobody awaits, or one handed to a callback that expects nothing, is an error everywhere', () => {
  expect(found[2]).toEqual(['@typescript-eslint/no-floating-promises@3', '@typescript-eslint/no-misused-promises@4']);
  expect(found[3]).toEqual(['@typescript-eslint/no-floating-promises@3', '@typescript-eslint/no-misused-promises@4']);
});
