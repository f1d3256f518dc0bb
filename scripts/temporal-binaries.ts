// Where the Temporal CLI (dev server) and the time-skipping test server are: a `temporal` on PATH
// is used first, otherwise the copies `npm run setup` installed under .tools/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const toolsBin = path.resolve(__dirname, '..', '.tools', 'py', 'bin');

function onPath(name: string): string | undefined {
  try {
    return execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function find(name: string, envVar: string): string {
  const candidates = [process.env[envVar], onPath(name), path.join(toolsBin, name)].filter(Boolean) as string[];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`${name} was not found (looked at $${envVar}, PATH and ${toolsBin}); run \`npm run setup\` first`);
  return found;
}

export const temporalCli = () => find('temporal', 'TEMPORAL_CLI');
export const temporalTestServer = () => find('temporal-test-server', 'TEMPORAL_TEST_SERVER');
