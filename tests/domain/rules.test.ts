// Pure business rules: money, credit, BoM explosion, configuration.
import { explodeBom, type BomDefinition } from '../../domain/bom';
import { creditDecision } from '../../domain/credit';
import { documentTotals, lineAmounts, toCents } from '../../domain/money';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../config';

describe('money', () => {
  test('tax per line rounds half away from zero, and totals are the sum of lines', () => {
    expect(lineAmounts({ quantity: 1, unitPriceCents: 5, taxRateBp: 1000 })).toEqual({ netCents: 5, taxCents: 1 }); // 0.5 → 1
    expect(lineAmounts({ quantity: -1, unitPriceCents: 5, taxRateBp: 1000 })).toEqual({ netCents: -5, taxCents: -1 });
    expect(
      documentTotals([
        { quantity: 3, unitPriceCents: 10000, taxRateBp: 2000 },
        { quantity: 4, unitPriceCents: 1250, taxRateBp: 1000 },
      ]),
    ).toEqual({ netCents: 35000, taxCents: 6500, totalCents: 41500 });
  });
  test('amounts with more than two decimals are refused, not rounded', () => {
    expect(toCents(123.45)).toBe(12345);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(10.005)).toBeUndefined();
    // Not zero, yet within the tolerance of 0 cents: refused, or it would pass as a payment of nothing.
    expect(toCents(5e-324)).toBeUndefined();
    expect(toCents(0)).toBe(0);
  });
  test('for many random lines, tax never differs from the exact value by more than half a cent per line', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const line = {
        quantity: 1 + Math.floor(rnd() * 100),
        unitPriceCents: Math.floor(rnd() * 100000),
        taxRateBp: Math.floor(rnd() * 3000),
      };
      const { netCents, taxCents } = lineAmounts(line);
      expect(netCents).toBe(line.quantity * line.unitPriceCents);
      expect(Math.abs(taxCents - (netCents * line.taxRateBp) / 10000)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('credit', () => {
  test('exposure is open receivables plus the order; exactly at the limit is still within it', () => {
    expect(creditDecision({ creditLimitCents: 1000, openReceivablesCents: 400, orderTotalCents: 600 })).toEqual({
      withinLimit: true,
      exposureCents: 1000,
      overByCents: 0,
    });
    expect(creditDecision({ creditLimitCents: 1000, openReceivablesCents: 401, orderTotalCents: 600 })).toEqual({
      withinLimit: false,
      exposureCents: 1001,
      overByCents: 1,
    });
  });
});

describe('BoM explosion', () => {
  const boms: Record<string, BomDefinition> = {
    DESK: {
      outputQty: 1,
      lines: [
        { sku: 'FRAME', quantity: 1, scrapBp: 0 },
        { sku: 'TOP', quantity: 1, scrapBp: 0 },
        { sku: 'BOLT', quantity: 8, scrapBp: 0 },
      ],
    },
    FRAME: {
      outputQty: 1,
      lines: [
        { sku: 'TUBE', quantity: 4, scrapBp: 500 },
        { sku: 'BOLT', quantity: 4, scrapBp: 0 },
      ],
    },
    TOP: { outputQty: 2, lines: [{ sku: 'PANEL', quantity: 1, scrapBp: 0 }] },
  };
  const lookup = async (sku: string) => boms[sku];

  test('sums leaves across levels, rounds batches and scrap up', async () => {
    expect(await explodeBom('DESK', 3, lookup)).toEqual([
      { sku: 'BOLT', quantity: 3 * 8 + 3 * 4, level: 2 },
      { sku: 'PANEL', quantity: 2, level: 2 }, // 3 tops from batches of 2 → 2 batches
      { sku: 'TUBE', quantity: Math.ceil(3 * 4 * 1.05), level: 2 },
    ]);
  });
  test('a cycle is reported, not followed forever', async () => {
    const cyclic = async (sku: string) =>
      sku === 'A'
        ? { outputQty: 1, lines: [{ sku: 'B', quantity: 1, scrapBp: 0 }] }
        : sku === 'B'
          ? { outputQty: 1, lines: [{ sku: 'A', quantity: 1, scrapBp: 0 }] }
          : undefined;
    await expect(explodeBom('A', 1, cyclic)).rejects.toThrow('BoM cycle: A → B → A');
  });
});

describe('config', () => {
  test('defaults are valid', () => {
    const cfg = loadConfig({});
    expect(cfg.API_PORT).toBe(3000);
    expect(cfg.DEMO_MODE).toBe(false);
    expect(cfg.API_USERS).toEqual([]);
    expect(cfg.PAYMENT_REMINDER_DAYS).toEqual([1, 7, 14]);
  });
  test('a bad value names the variable and what to do', () => {
    expect(() => loadConfig({ API_PORT: 'eighty', OPERATIONS_DATABASE_URL: 'mysql://x' })).toThrow(
      /API_PORT[\s\S]*OPERATIONS_DATABASE_URL: must start with file:[\s\S]*Fix the environment variable/,
    );
    expect(() => loadConfig({ API_USERS: 'k:Name:wizard' })).toThrow(/API_USERS: entry "\*:Name:wizard" must be key:name:role/);
    expect(() => loadConfig({ PAYMENT_REMINDER_DAYS: '1,x' })).toThrow(/PAYMENT_REMINDER_DAYS/);
    expect(() => loadConfig({ API_USERS: 'k:Carl:customer' })).toThrow(/customer-portal user and needs the customer code/);
    expect(loadConfig({ API_USERS: 'k:Carl:customer:C-0007' }).API_USERS).toEqual([
      { keyDigest: createHash('sha256').update('k').digest(), name: 'Carl', roles: ['customer'], customer: 'C-0007' },
    ]);
  });
  test("the worker's workflow cache is a positive whole number of runs", () => {
    expect(loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '2000' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(2000);
    for (const bad of ['0', '-5', '12.5', 'many', '1000000'])
      expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: bad })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS: /);
  });
});
