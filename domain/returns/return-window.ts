// Whether goods come back within their category's return window, counted per order line from the
// last delivery that carried it. The request stores the answer on the record; the process reads it
// again with the explanation an approver needs.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { RETURN_POLICIES } from '../../db/reference-data';

const DAY_MS = 86_400_000;

export interface WindowLine {
  orderLineId: number;
  orderLineNo: number;
  sku: string;
  category: string;
}

export interface WindowVerdict {
  outsideWindow: boolean;
  /** Who approves an exception: the policy of the first line outside its window (else of the first line). */
  approverRole: string;
  /** One sentence per line outside its window; absent when all are inside. */
  note?: string;
}

/** The return policy of a category; categories without their own policy fall under "general". */
async function policies(db: OperationsDb | OperationsTx) {
  const rows = await db.returnPolicy.findMany();
  const general = rows.find((p) => p.category === 'general') ?? RETURN_POLICIES[0];
  return (category: string) => rows.find((p) => p.category === category) ?? general;
}

/** The latest delivery instant per order line (only shipments that delivered some of the line count). */
async function lastDeliveries(db: OperationsDb | OperationsTx, orderLineIds: number[]): Promise<Map<number, Date>> {
  const carried = await db.shipmentLine.findMany({
    where: { orderLineId: { in: orderLineIds }, deliveredQty: { gt: 0 }, shipment: { status: 'delivered', deliveredAt: { not: null } } },
    select: { orderLineId: true, shipment: { select: { deliveredAt: true } } },
  });
  const out = new Map<number, Date>();
  for (const c of carried) {
    const at = c.shipment.deliveredAt!;
    const seen = out.get(c.orderLineId);
    if (!seen || at > seen) out.set(c.orderLineId, at);
  }
  return out;
}

/** The verdict for the given lines as of `at` (the moment the return was requested). */
export async function returnWindow(db: OperationsDb | OperationsTx, lines: WindowLine[], at: Date): Promise<WindowVerdict> {
  const policyOf = await policies(db);
  const delivered = await lastDeliveries(
    db,
    lines.map((l) => l.orderLineId),
  );
  const outside: { line: WindowLine; days: number; policy: { category: string; windowDays: number; approverRole: string } }[] = [];
  for (const line of lines) {
    const policy = policyOf(line.category);
    const deliveredAt = delivered.get(line.orderLineId);
    if (!deliveredAt) continue; // nothing delivered: the quantity rule refuses the line, not the window
    const elapsedMs = at.getTime() - deliveredAt.getTime();
    if (elapsedMs > policy.windowDays * DAY_MS) outside.push({ line, days: Math.floor(elapsedMs / DAY_MS), policy });
  }
  const approverRole =
    outside[0]?.policy.approverRole ?? (lines[0] ? policyOf(lines[0].category).approverRole : RETURN_POLICIES[0].approverRole);
  if (outside.length === 0) return { outsideWindow: false, approverRole };
  const note = outside
    .map(
      (o) =>
        `order line ${o.line.orderLineNo} (${o.line.sku}) was delivered ${o.days} days before the request; ` +
        `the ${o.policy.category} return window is ${o.policy.windowDays} days`,
    )
    .join('; ');
  return { outsideWindow: true, approverRole, note };
}
