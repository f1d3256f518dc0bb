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
  // Within a float's error of whole cents (0.1 + 0.2 is 30 cents); but an amount that is not zero
  // never becomes 0 cents (a sliver like 5e-324 would otherwise pass as a payment of nothing).
  if (cents === 0 && amount !== 0) return undefined;
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : undefined;
}

export const fromCents = (cents: number) => cents / 100;
