// The fault schedule, the same at every run size (seconds after the first process starts):
// partner and machine faults through the simulators' control endpoints, the workers SIGKILLed three times,
// the Temporal dev server restarted once (its state file keeps the processes; not on an external
// server), the API SIGKILLed once.
import type { Component } from './cluster';
import { sleep } from './client';
import type { Kind } from './run';

const SUPPLIERS = Array.from({ length: 12 }, (_, i) => `S-${String(i + 1).padStart(3, '0')}`);

export interface FaultTargets {
  /** The worker processes killed together at each worker fault (one of each role when there are several per role). */
  workers: Component[];
  /** Absent on an external server, which this run does not own: that fault is left out. */
  temporal?: Component;
  api: Component;
  simulatorUrl: string;
  say: (m: string) => void;
}

export function faultSchedule(t: FaultTargets, counts: Record<Kind | 'system', number>): [number, () => Promise<void>][] {
  const control = async (party: string, body: object, kind: Kind) => {
    // Carriers and suppliers are steered under /control/<party>; machines under /machines/<code>/control.
    const res = await fetch(party.startsWith('/') ? `${t.simulatorUrl}${party}` : `${t.simulatorUrl}/control/${party}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${party} → ${res.status}`);
    counts[kind]++;
  };
  const system = async (what: string, act: () => Promise<void>) => {
    const started = Date.now();
    await act();
    counts.system++;
    t.say(`${what} (back after ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const killWorkers = (n: number) => () =>
    system(
      `${t.workers.length > 1 ? `worker processes ${t.workers.map((w) => w.spec.name).join(', ')}` : 'workers'} SIGKILLed and restarted (${n}/3)`,
      () => Promise.all(t.workers.map((w) => w.restart('SIGKILL'))).then(() => undefined),
    );
  const temporal = t.temporal;
  return [
    [
      3,
      async () => {
        await control('carriers/SWIFT', { failNext: 4 }, 'order');
        for (const s of SUPPLIERS) await control(`suppliers/${s}`, { failNext: 2 }, 'requisition');
        t.say('partners: the carrier fails its next 4 calls, every supplier its next 2');
        // Three failed runs (MACHINE_ATTEMPTS' default) move cutting to the backup saw CUT2; ASM stalls twice.
        await control('/machines/CUT/control', { breakdownNext: 3 }, 'manufacturing');
        await control('/machines/ASM/control', { stallNext: 2 }, 'manufacturing');
        // WELD has no alternative and two orders' first step runs there at about the same time: six failed runs
        // (shared between them) fail one of them MACHINE_ATTEMPTS times, which opens a request the drivers repair.
        await control('/machines/WELD/control', { breakdownNext: 6 }, 'manufacturing');
        t.say('machines: the saw CUT breaks down on its next 3 runs, assembly ASM stalls on its next 2, WELD breaks down 6 times');
      },
    ],
    [15, killWorkers(1)],
    ...(temporal
      ? [[30, () => system('Temporal dev server restarted', () => temporal.restart('SIGTERM'))] as [number, () => Promise<void>]]
      : []),
    [
      45,
      async () => {
        await control('carriers/SWIFT', { downForMs: 20_000 }, 'order');
        t.say('partners: the carrier is down for 20 s');
        await killWorkers(2)();
      },
    ],
    [
      60,
      async () => {
        for (const s of SUPPLIERS.slice(0, 4)) await control(`suppliers/${s}`, { downForMs: 25_000 }, 'requisition');
        t.say('partners: suppliers S-001..S-004 are down for 25 s');
        await system('API SIGKILLed and restarted', () => t.api.restart('SIGKILL'));
      },
    ],
    [75, killWorkers(3)],
  ];
}

/** Runs the schedule from `t0`; stops early when `stopped()` says so. */
export async function runSchedule(schedule: [number, () => Promise<void>][], t0: number, stopped: () => boolean): Promise<void> {
  for (const [at, act] of schedule) {
    await sleep(Math.max(0, t0 + at * 1000 - Date.now()));
    if (stopped()) return;
    await act();
  }
}
