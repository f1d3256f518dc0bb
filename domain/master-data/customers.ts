// Customers with their credit position, and changes to their terms (each audited with the old value).
import type { OperationsDb } from '../../db/clients';
import type { Customer } from '../../generated/operations/sqlite/client';
import { illegal, notFound } from '../errors';
import { fromCents, toCents } from '../money';
import { creditPositionOf } from './customer-credit';
import { pageOf, type PageQuery } from '../paging';
import { audit } from '../../activities/operations/ledger';
import { changesOf, createOnce, textFilter } from './records';

export interface CustomerFields {
  name: string;
  email: string;
  tier: string;
  creditLimit: number;
  paymentTermDays: number;
  invoicePolicy: string;
}

const fieldsOf = (c: Customer): CustomerFields & { code: string } => ({
  code: c.code,
  name: c.name,
  email: c.email,
  tier: c.tier,
  creditLimit: fromCents(c.creditLimitCents),
  paymentTermDays: c.paymentTermDays,
  invoicePolicy: c.invoicePolicy,
});

const recordOf = ({ creditLimit, ...rest }: Partial<CustomerFields>) => ({
  ...rest,
  creditLimitCents: creditLimit === undefined ? undefined : toCents(creditLimit),
});

export async function getCustomer(db: OperationsDb, code: string, now = new Date()) {
  const c = await db.customer.findUnique({ where: { code } });
  if (!c) throw notFound(`Customer ${code}`);
  const credit = await creditPositionOf(db, c, now);
  return {
    ...fieldsOf(c),
    createdAt: c.createdAt.toISOString(),
    credit: {
      limit: fromCents(c.creditLimitCents),
      openReceivables: fromCents(credit.openReceivablesCents),
      overdue: fromCents(credit.overdueCents),
      openOrders: fromCents(credit.openOrdersCents),
      exposure: fromCents(credit.exposureCents),
      available: fromCents(credit.availableCents),
      overLimitBy: fromCents(credit.overLimitByCents),
    },
  };
}

export async function listCustomers(db: OperationsDb, q: PageQuery & { q?: string }) {
  const where = q.q ? { OR: [{ code: textFilter(db, q.q) }, { name: textFilter(db, q.q) }] } : {};
  return pageOf(
    q,
    () => db.customer.count({ where }),
    (window) => db.customer.findMany({ where, orderBy: { code: 'asc' }, ...window }),
    fieldsOf,
  );
}

export async function createCustomer(db: OperationsDb, input: CustomerFields & { code: string }, actor: string) {
  return createOnce(`Customer ${input.code}`, () =>
    db.$transaction(async (tx) => {
      if (await tx.customer.findUnique({ where: { code: input.code } })) throw illegal(`Customer ${input.code} already exists`);
      const { creditLimit, ...rest } = input;
      const c = await tx.customer.create({ data: { ...rest, creditLimitCents: toCents(creditLimit)! } });
      const fields = fieldsOf(c);
      await audit(tx, actor, 'customer.created', 'Customer', c.code, fields);
      return fields;
    }),
  );
}

export async function updateCustomer(db: OperationsDb, code: string, input: Partial<CustomerFields>, actor: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { code } });
    if (!before) throw notFound(`Customer ${code}`);
    const changes = changesOf(fieldsOf(before), input);
    if (!Object.keys(changes).length) return fieldsOf(before);
    const after = await tx.customer.update({ where: { id: before.id }, data: recordOf(input) });
    await audit(tx, actor, 'customer.updated', 'Customer', code, { changes });
    return fieldsOf(after);
  });
}
