// PostgreSQL stores money as bigint (see `widenMoney` in db/prisma-cli.ts) and Prisma returns those
// columns as JavaScript bigint. The application works in plain number cents — bigint cannot be mixed
// with number arithmetic nor serialised to JSON — so results are converted on the way out. Every
// amount the API accepts is within Number.MAX_SAFE_INTEGER cents, so the conversion is exact; a value
// beyond it (written by hand) is refused loudly rather than silently rounded.

/** A stored integer cannot be represented exactly as a JavaScript number. */
export class UnsafeIntegerError extends Error {
  constructor(readonly value: bigint) {
    super(`stored integer ${value} is outside the exact range of a number (±${Number.MAX_SAFE_INTEGER})`);
    this.name = 'UnsafeIntegerError';
  }
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function toNumber(value: bigint): number {
  if (value > MAX || value < -MAX) throw new UnsafeIntegerError(value);
  return Number(value);
}

/** Replaces every bigint in a query result (rows, nested relations, aggregates) by a number, in place. */
export function bigintsToNumbers<T>(value: T): T {
  if (typeof value === 'bigint') return toNumber(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = bigintsToNumbers(value[i]);
    return value;
  }
  // Plain result objects only: Dates, Decimals and Buffers are left as they are.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'bigint') o[k] = toNumber(v);
      else if (v !== null && typeof v === 'object') bigintsToNumbers(v);
    }
  }
  return value;
}
