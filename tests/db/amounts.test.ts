// Money columns hold every amount up to Number.MAX_SAFE_INTEGER cents on both databases and come back
// as plain numbers: in rows, nested relations, interactive and batch transactions, conditional
// increments and aggregates. A stored value beyond that range is refused on reading, never rounded.
import { closeStores, openStores, type Stores } from '../../db/clients';
import { freshDatabases, type TestDatabases } from '../support/databases';
import { customer, product } from '../support/fixtures';
import { seedReferenceData } from '../../db/reference-data';

const MAX = Number.MAX_SAFE_INTEGER; // 90,071,992,547,409.91
let dbs: TestDatabases;
let stores: Stores;

beforeAll(async () => {
  dbs = await freshDatabases();
  stores = await openStores(dbs);
  await seedReferenceData(stores.operations, { carrierUrl: 'http://127.0.0.1:9/carriers/SWIFT' });
});
afterAll(async () => {
  await closeStores(stores);
  await dbs.drop();
});

test('the largest exact amount is stored and read back as a number, also inside transactions', async () => {
  const db = stores.operations;
  const c = await db.customer.create({ data: { code: 'C-WIDE-1', name: 'Wide', email: 'w@test.example', creditLimitCents: MAX } });
  expect(c.creditLimitCents).toBe(MAX);
  const p = await product(db, { price: 30_000_000 }); // 3,000,000,000 cents: above 2^31
  expect(p.listPriceCents).toBe(3_000_000_000);

  const inTx = await db.$transaction(async (tx) => (await tx.customer.findUniqueOrThrow({ where: { id: c.id } })).creditLimitCents);
  expect(inTx).toBe(MAX);
  const [batched] = await db.$transaction([db.product.findUniqueOrThrow({ where: { id: p.id } })]);
  expect(batched.listPriceCents).toBe(3_000_000_000);
  const viaRelation = await db.supplierPrice.create({
    data: {
      supplier: { create: { code: 'S-WIDE-1', name: 'Wide', email: 's@test.example', apiUrl: 'http://127.0.0.1:9' } },
      product: { connect: { id: p.id } },
      priceCents: MAX - 1,
      leadTimeDays: 1,
    },
    include: { product: true },
  });
  expect([viaRelation.priceCents, viaRelation.product.listPriceCents]).toEqual([MAX - 1, 3_000_000_000]);
  expect(typeof JSON.stringify(viaRelation)).toBe('string'); // no bigint anywhere in the result
});

test('conditional increments work across the 32-bit boundary and stop at the limit', async () => {
  const db = stores.operations;
  const c = await customer(db);
  const invoice = await db.invoice.create({
    data: {
      number: 'INV-WIDE-1',
      key: 'wide-1',
      kind: 'invoice',
      customerId: c.id,
      status: 'posted',
      issuedAt: new Date(),
      dueAt: new Date(),
      netCents: 5_000_000_000,
      taxCents: 1_000_000_000,
      totalCents: 6_000_000_000,
    },
  });
  const pay = (x: number) =>
    db.invoice.updateMany({ where: { id: invoice.id, paidCents: { lte: invoice.totalCents - x } }, data: { paidCents: { increment: x } } });
  expect((await pay(2_500_000_000)).count).toBe(1);
  expect((await pay(3_000_000_000)).count).toBe(1);
  expect((await pay(500_000_001)).count).toBe(0); // would exceed the total
  expect((await pay(500_000_000)).count).toBe(1);
  expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paidCents).toBe(6_000_000_000);
});

test('ledger sums beyond 32 bits are exact', async () => {
  const db = stores.operations;
  const amount = 4_000_000_000_000_000; // 40 trillion: twice that still fits
  await db.journalEntry.create({
    data: {
      key: 'wide-entry',
      postedAt: new Date(),
      memo: 'wide',
      sourceType: 'test',
      sourceRef: 'WIDE-1',
      lines: {
        create: [
          { accountCode: '1100', debitCents: amount, partnerRef: 'WIDE' },
          { accountCode: '1100', debitCents: amount, partnerRef: 'WIDE' },
          { accountCode: '4000', creditCents: 2 * amount },
        ],
      },
    },
  });
  const where = { entry: { sourceRef: 'WIDE-1' } };
  const sum = await db.journalLine.aggregate({ where, _sum: { debitCents: true, creditCents: true }, _max: { creditCents: true } });
  expect(sum).toEqual({ _sum: { debitCents: 2 * amount, creditCents: 2 * amount }, _max: { creditCents: 2 * amount } });
  const grouped = await db.journalLine.groupBy({ by: ['accountCode'], where, _sum: { debitCents: true }, orderBy: { accountCode: 'asc' } });
  expect(grouped).toEqual([
    { accountCode: '1100', _sum: { debitCents: 2 * amount } },
    { accountCode: '4000', _sum: { debitCents: 0 } },
  ]);
});

test('the production store holds wide amounts too', async () => {
  const db = stores.production;
  const wc = await db.workCenter.create({ data: { code: 'WC-WIDE', name: 'Wide', costPerHourCents: 3_000_000_000 } });
  expect((await db.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).costPerHourCents).toBe(3_000_000_000);
});

test('a stored amount beyond the exact range of a number is refused on reading, not rounded', async () => {
  const db = stores.operations;
  await db.customer.create({ data: { code: 'C-WIDE-2', name: 'Too wide', email: 'w@test.example', creditLimitCents: 1 } });
  await db.$executeRawUnsafe(`UPDATE "Customer" SET "creditLimitCents" = 4611686018427387904 WHERE "code" = 'C-WIDE-2'`);
  await expect(db.customer.findUniqueOrThrow({ where: { code: 'C-WIDE-2' } })).rejects.toThrow(/4611686018427387904/);
  await expect(db.customer.aggregate({ _sum: { creditLimitCents: true } })).rejects.toThrow(/too large|outside the exact range/);
});
