// Three-way match: purchase order price × received quantity against the supplier's invoice, with
// tolerances (a percentage and an absolute amount; the larger applies) per line and on the total.
import type { MatchLine, MatchResult } from '../../workflows/procurement/types';

export interface MatchInput {
  poLines: { lineNo: number; unitPriceCents: number; receivedQty: number }[];
  invoiceLines: { lineNo: number; quantity: number; unitPriceCents: number }[];
  /** Credit notes already received against the invoice, reducing what it asks for. */
  creditedCents: number;
  tolerancePct: number;
  toleranceCents: number;
}

const allowed = (expected: number, pct: number, abs: number) => Math.max((Math.abs(expected) * pct) / 100, abs);

export function threeWayMatch(input: MatchInput): MatchResult {
  const lines: MatchLine[] = input.invoiceLines.map((il) => {
    const po = input.poLines.find((p) => p.lineNo === il.lineNo);
    const invoicedCents = il.quantity * il.unitPriceCents;
    if (!po)
      return {
        lineNo: il.lineNo,
        expectedCents: 0,
        invoicedCents,
        differenceCents: invoicedCents,
        withinTolerance: false,
        reason: 'not on the purchase order',
      };
    const expectedCents = po.receivedQty * po.unitPriceCents;
    const differenceCents = invoicedCents - expectedCents;
    if (il.quantity > po.receivedQty) {
      return {
        lineNo: il.lineNo,
        expectedCents,
        invoicedCents,
        differenceCents,
        withinTolerance: false,
        reason: `invoices ${il.quantity} but ${po.receivedQty} were received`,
      };
    }
    const withinTolerance = Math.abs(differenceCents) <= allowed(expectedCents, input.tolerancePct, input.toleranceCents);
    return {
      lineNo: il.lineNo,
      expectedCents,
      invoicedCents,
      differenceCents,
      withinTolerance,
      ...(withinTolerance ? {} : { reason: 'price or quantity outside tolerance' }),
    };
  });
  const expectedTotalCents = input.poLines.reduce((s, p) => s + p.receivedQty * p.unitPriceCents, 0);
  const invoicedTotalCents = lines.reduce((s, l) => s + l.invoicedCents, 0) - input.creditedCents;
  const differenceCents = invoicedTotalCents - expectedTotalCents;
  const totalOk = Math.abs(differenceCents) <= allowed(expectedTotalCents, input.tolerancePct, input.toleranceCents);
  // A credit note can settle line differences: once the total is within tolerance after credits, lines are judged on the total.
  const linesOk =
    lines.every((l) => l.withinTolerance) || (input.creditedCents > 0 && lines.every((l) => !l.reason?.startsWith('invoices')));
  return { matched: totalOk && linesOk, lines, expectedTotalCents, invoicedTotalCents, differenceCents };
}
