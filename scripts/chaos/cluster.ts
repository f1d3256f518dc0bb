// The system under test as separate OS processes (Temporal dev server, simulators, workers, API),
// each in its own process group so a SIGKILL reaches everything it spawned (tsx runs a child).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { searchAttributeFlags } from '../../domain/processes/search-attributes';
import { portOpen } from '../ports';
import { temporalCli } from '../temporal-binaries';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = require.resolve('tsx/cli');

/** A component is ready when its port answers, or when its log shows `readyLine` (workers have no port). */
export interface ComponentSpec {
  name: string;
  command: string;
  args: string[];
  port?: number;
  readyLine?: string;
}

/** One component: started, killed and restarted on demand; its output goes to `<dataDir>/<name>.log`. */
export class Component {
  private child?: ChildProcess;
  private expectedExit = false;
  unexpectedExits = 0;
  starts = 0;

  constructor(
    readonly spec: ComponentSpec,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {}

  /** The process id of the running component (the leader of its process group), if it runs. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const logFile = path.join(this.logDir, `${this.spec.name}.log`);
    const offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const log = fs.openSync(logFile, 'a');
    this.expectedExit = false;
    this.starts++;
    const child = spawn(this.spec.command, this.spec.args, { cwd: ROOT, env: this.env, stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    this.child = child;
    child.once('exit', () => {
      if (!this.expectedExit && this.child === child) this.unexpectedExits++;
    });
    const until = Date.now() + timeoutMs;
    const { port, readyLine } = this.spec;
    const ready = async () =>
      port ? portOpen(port) : readyLine ? fs.readFileSync(logFile).subarray(offset).toString().includes(readyLine) : true;
    while (!(await ready())) {
      if (!this.running)
        throw new Error(`${this.spec.name} exited during start (code ${child.exitCode}); see ${this.logDir}/${this.spec.name}.log`);
      if (Date.now() > until) throw new Error(`${this.spec.name} did not come up within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Signals the whole process group and waits for the process to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectedExit = true;
    const gone = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    await gone;
    clearTimeout(timer);
    // The group may outlive its leader (tsx's child): make sure nothing of it keeps running.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
    // …and that its port is free again, or a restart would take the dying process for the new one.
    for (let i = 0; i < 100 && this.spec.port && (await portOpen(this.spec.port)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  async restart(signal: NodeJS.Signals): Promise<void> {
    await this.stop(signal);
    await this.start();
  }
}

/**
 * A store of one run: a SQLite file in the run's data directory, or, when `postgres` is a PostgreSQL URL,
 * the database `<prefix>_<store>` on that server (created by the caller, dropped or kept by it).
 */
export function runStoreUrl(dataDir: string, store: 'operations' | 'production', prefix: string, postgres: string | undefined): string {
  if (!postgres?.startsWith('postgres')) return `file:${path.join(dataDir, `${store}.db`)}`;
  const u = new URL(postgres);
  u.pathname = `/${prefix}_${store}`;
  return u.toString();
}

export const tsx = (script: string, ...args: string[]) => ({ command: process.execPath, args: [TSX, path.join(ROOT, script), ...args] });

/** Runs a tsx script to completion (migrations, seed); throws with its output on failure. */
export async function runScript(script: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<void> {
  const { command, args: full } = tsx(script, ...args);
  const child = spawn(command, full, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} failed (${code}):\n${out}`);
}

/**
 * The Temporal dev server as a component, headless, its state in `dataDir`, with the processes'
 * search attributes registered (every process publishes them; an unknown one stalls it).
 */
export function devServer(port: number, env: NodeJS.ProcessEnv, dataDir: string): Component {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless'];
  args.push('--db-filename', path.join(dataDir, 'temporal.db'), '--log-level', 'error', ...searchAttributeFlags());
  return new Component({ name: 'temporal', command: temporalCli(), port, args }, env, dataDir);
}
