// Amounts as requests carry them: decimals in the house currency with at most two places, stored as
// cents. One definition, so every endpoint refuses the same things and documents them the same way.
import { z } from 'zod';
import { toCents } from '../../domain/money';

const twoPlaces = (v: number) => toCents(v) !== undefined;

/** A decimal amount, e.g. 12.50 (zero allowed: a free item, no credit). */
export const money = z
  .number()
  .nonnegative()
  .max(100_000_000)
  .refine(twoPlaces, 'must have at most two decimals')
  .meta({ multipleOf: 0.01 });

/** An amount that must be more than nothing, e.g. a payment or a price: at least one cent. */
export const positiveMoney = z
  .number()
  .positive()
  .max(100_000_000)
  .refine(twoPlaces, 'must have at most two decimals')
  .meta({ multipleOf: 0.01 });

/** A percentage with at most two decimals, e.g. 19 or 7.5; stored as basis points. */
export const percent = z.number().min(0).max(100).refine(twoPlaces, 'must have at most two decimals').meta({ multipleOf: 0.01 });
