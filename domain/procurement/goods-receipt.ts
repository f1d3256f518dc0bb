// Rules of a goods receipt against its purchase order. Pure, so the API and the activity share them.
import type { FieldIssue } from '../errors';

/**
 * What is wrong with a receipt against the PO's lines as they stand: a line listed twice, a line the
 * PO does not have, more than is still open. Shared by the API (to answer 400 before the process is
 * asked) and the activity (which decides, inside its transaction).
 */
export function receiptIssues(
  poNumber: string,
  poLines: { lineNo: number; quantity: number; receivedQty: number }[],
  lines: { lineNo: number; quantity: number }[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lines.forEach((r, i) => {
    const line = poLines.find((l) => l.lineNo === r.lineNo);
    if (lines.findIndex((o) => o.lineNo === r.lineNo) < i)
      issues.push({ field: `lines.${i}.lineNo`, message: `line ${r.lineNo} is listed twice` });
    else if (!line) issues.push({ field: `lines.${i}.lineNo`, message: `line ${r.lineNo} is not on ${poNumber}` });
    else if (r.quantity > line.quantity - line.receivedQty) {
      issues.push({
        field: `lines.${i}.quantity`,
        message: `line ${r.lineNo}: ${r.quantity} received but only ${line.quantity - line.receivedQty} open`,
      });
    }
  });
  return issues;
}
