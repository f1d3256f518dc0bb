// Child servers of `npm start` (the Temporal dev server) run in their own process group, so one
// signal reaches everything they spawned and a terminal's Ctrl-C does not race our own shutdown.
// A pid file remembers the group; a start after a killed run (whose child outlived it) stops the
// orphan first, but only when the pid still runs the very command we started.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface PidRecord {
  pid: number;
  command: string;
}

/** The command line of a running process (NUL-separated arguments joined by spaces), or undefined. */
export function commandOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || undefined;
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Starts `command` as the leader of a new process group. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (isAlive(pid)) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Stops a whole process group: SIGTERM, then SIGKILL once `graceMs` passed (a child that ignores
 * SIGTERM/SIGINT or hangs while stopping must not keep the ports). Resolves when the leader is gone.
 */
export async function stopGroup(pid: number, graceMs = 10_000): Promise<'stopped' | 'killed'> {
  signalGroup(pid, 'SIGTERM');
  if (await gone(pid, graceMs)) return 'stopped';
  signalGroup(pid, 'SIGKILL');
  await gone(pid, 5_000);
  return 'killed';
}

/**
 * Records the group leader with its command line: as spawned (`argv`, right after the spawn) and then
 * as it really runs (read back once the server is up, so a wrapper that re-executes compares truly).
 */
export function writePidFile(file: string, pid: number, argv?: string[]) {
  const record: PidRecord = { pid, command: argv ? argv.join(' ') : (commandOf(pid) ?? '') };
  fs.writeFileSync(file, `${JSON.stringify(record)}\n`);
}

export function removePidFile(file: string) {
  fs.rmSync(file, { force: true });
}

/**
 * Stops what an earlier, killed run left behind: only if the recorded pid still runs the recorded
 * command (a reused pid belongs to someone else and is left alone). The pid file is removed either way.
 */
export async function stopOrphan(file: string, graceMs = 10_000): Promise<'none' | 'not ours' | 'stopped' | 'killed'> {
  let record: PidRecord;
  try {
    record = JSON.parse(fs.readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    return 'none';
  }
  try {
    if (!Number.isInteger(record.pid) || record.pid <= 1 || !isAlive(record.pid)) return 'none';
    const now = commandOf(record.pid);
    if (!record.command || now !== record.command) return 'not ours';
    return await stopGroup(record.pid, graceMs);
  } finally {
    removePidFile(file);
  }
}
