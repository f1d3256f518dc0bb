// Section 6 of `npm run bench`: the last result of `npm run bench:fresh` (bench/fresh-machine.sh), which
// times the README's run command on a fresh machine and leaves its figures in the temporary directory.
// It is not run from here: it installs everything from the registries and takes minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FreshMachineResult {
  commit: string;
  date: string;
  firstOrderS: number | null;
  goalS: number;
  met: boolean;
  load: { before: string; after: string };
  cores: number;
  phases: { phase: string; startS: number; endS: number; seconds: number }[];
}

export const FRESH_MACHINE_RESULT = path.join(os.tmpdir(), 'process-engine-fresh-machine.json');

/** The last `npm run bench:fresh` result on this machine, if there is one. */
export function lastFreshMachine(file = FRESH_MACHINE_RESULT): FreshMachineResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as FreshMachineResult;
  } catch {
    return undefined;
  }
}
