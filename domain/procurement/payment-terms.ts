// Supplier payment terms: net N days, optionally with an early-payment discount (e.g. 2/10 net 30:
// 2 % off when paid within 10 days). Pure date arithmetic on the invoice date.
const DAY_MS = 86_400_000;

export interface PaymentTerms {
  paymentTermDays: number;
  earlyPayDiscountBp: number;
  earlyPayDays: number;
}

export function paymentSchedule(invoiceDate: Date, totalCents: number, terms: PaymentTerms) {
  const dueAt = new Date(invoiceDate.getTime() + terms.paymentTermDays * DAY_MS);
  const hasDiscount = terms.earlyPayDiscountBp > 0 && terms.earlyPayDays > 0;
  const discountDueAt = hasDiscount ? new Date(invoiceDate.getTime() + terms.earlyPayDays * DAY_MS) : undefined;
  const discountCents = hasDiscount ? Math.round((totalCents * terms.earlyPayDiscountBp) / 10_000) : 0;
  return { dueAt, discountDueAt, discountCents };
}
