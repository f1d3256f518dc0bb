// Money is integer cents. Tax is computed per line and rounded half away from zero, as invoices print it.

export interface PricedLine {
  quantity: number;
  unitPriceCents: number;
  taxRateBp: number;
}

export function lineAmounts(line: PricedLine): { netCents: number; taxCents: number } {
  const netCents = line.quantity * line.unitPriceCents;
  const taxCents = Math.sign(netCents) * Math.round((Math.abs(netCents) * line.taxRateBp) / 10_000);
  return { netCents, taxCents };
}

export function documentTotals(lines: PricedLine[]): { netCents: number; taxCents: number; totalCents: number } {
  let netCents = 0;
  let taxCents = 0;
  for (const l of lines) {
    const a = lineAmounts(l);
    netCents += a.netCents;
    taxCents += a.taxCents;
  }
  return { netCents, taxCents, totalCents: netCents + taxCents };
}

/** 123.45 → 12345; refuses amounts with more than two decimals instead of rounding them silently. */
export function toCents(amount: number): number | undefined {
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : undefined;
}

export const fromCents = (cents: number) => cents / 100;
