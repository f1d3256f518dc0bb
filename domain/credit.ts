/** Credit rule: the order fits when what the customer already owes plus this order stays within the limit. */
export interface CreditPosition {
  creditLimitCents: number;
  openReceivablesCents: number;
  orderTotalCents: number;
}

export function creditDecision(p: CreditPosition): { withinLimit: boolean; exposureCents: number; overByCents: number } {
  const exposureCents = p.openReceivablesCents + p.orderTotalCents;
  const overByCents = Math.max(0, exposureCents - p.creditLimitCents);
  return { withinLimit: overByCents === 0, exposureCents, overByCents };
}
