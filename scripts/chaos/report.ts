// What the chaos run prints: a progress line while it drives, the table and the findings at the end.
import type { Api } from './client';
import type { Finding } from './checks';
import type { Kind, Run } from './run';

const KINDS: Kind[] = ['order', 'requisition', 'ticket', 'manufacturing', 'return'];
const PLURAL: Record<Kind, string> = {
  order: 'orders',
  requisition: 'requisitions',
  ticket: 'tickets',
  manufacturing: 'manufacturing orders',
  return: 'returns',
};

export function progressLine(runs: Run[], api: Api): string {
  const kinds = KINDS.map((k) => {
    const of = runs.filter((r) => r.kind === k);
    return `${PLURAL[k]} ${of.filter((r) => r.finished).length}/${of.length} ended (${of.filter((r) => r.number).length} started)`;
  });
  return `${kinds.join(', ')}; ${api.requests} requests, ${api.refused} refused connections`;
}

export interface Findings {
  faults: Record<Kind | 'system', number>;
  duplicates: Finding[];
  violations: string[];
  notes: string[];
}

/** Prints the table and every finding; true when the run failed. */
export function report(runs: Run[], f: Findings): boolean {
  const rows: unknown[][] = KINDS.map((k) => {
    const of = runs.filter((r) => r.kind === k);
    const duplicates = f.duplicates.filter((d) => d.kind === k).length + of.reduce((s, r) => s + r.anomalies.length, 0);
    return [
      k,
      of.length,
      of.filter((r) => r.number).length,
      of.filter((r) => r.finished).length,
      `${of.filter((r) => r.outcome === r.expected).length}/${of.length}`,
      f.faults[k],
      of.reduce((s, r) => s + r.duplicateCalls, 0),
      duplicates,
      '-',
    ];
  });
  rows.push([
    'system',
    '-',
    '-',
    '-',
    '-',
    f.faults.system,
    '-',
    f.duplicates.filter((d) => d.kind === 'store').length,
    f.violations.length,
  ]);
  const head = [
    'kind',
    'planned',
    'started',
    'completed',
    'expected outcome met',
    'faults injected',
    'duplicate calls sent',
    'duplicates',
    'violations',
  ];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(width[i])).join(' | ');
  console.log(`\n${line(head)}\n${width.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);

  const missed = runs.filter((r) => r.outcome !== r.expected);
  for (const r of missed.slice(0, 30)) {
    console.log(`  ${r.kind} ${r.number ?? `#${r.index}`} (${r.plan}): expected ${r.expected}, got ${r.outcome ?? r.error ?? 'nothing'}`);
  }
  if (missed.length > 30) console.log(`  … and ${missed.length - 30} more`);
  for (const r of runs) for (const a of r.anomalies) console.log(`  ${r.kind} ${r.number} (${r.plan}): ${a}`);
  for (const d of f.duplicates.slice(0, 40)) console.log(`  duplicate (${d.kind}): ${d.what}`);
  if (f.duplicates.length > 40) console.log(`  … and ${f.duplicates.length - 40} more duplicates`);
  for (const v of f.violations) console.log(`  violation: ${v}`);
  for (const n of f.notes) console.log(`  note: ${n}`);
  const failed = missed.length > 0 || f.duplicates.length > 0 || f.violations.length > 0 || runs.some((r) => r.anomalies.length > 0);
  console.log(
    failed
      ? 'CHAOS RUN FAILED'
      : 'CHAOS RUN PASSED: every process ended as its inputs call for, nothing was written twice, the invariants hold',
  );
  return failed;
}
