// Bill-of-materials explosion, pure so it is tested without a database.

export interface BomDefinition {
  outputQty: number;
  lines: { sku: string; quantity: number; scrapBp: number }[];
}
export type BomLookup = (sku: string) => Promise<BomDefinition | undefined>;

export interface Requirement {
  sku: string;
  quantity: number;
  level: number;
}

/**
 * Walks the BoM tree and returns the leaf components (those without a BoM) with their total
 * quantities. Batches round up (a BoM that yields 10 needs a whole batch for 3), scrap adds on top
 * and rounds up, and a cycle is an error rather than an endless loop.
 */
export async function explodeBom(sku: string, quantity: number, lookup: BomLookup, maxDepth = 12): Promise<Requirement[]> {
  const totals = new Map<string, Requirement>();
  async function walk(current: string, qty: number, level: number, path: string[]) {
    if (path.includes(current)) throw new Error(`BoM cycle: ${[...path, current].join(' → ')}`);
    if (level > maxDepth) throw new Error(`BoM of ${sku} is deeper than ${maxDepth} levels`);
    const bom = await lookup(current);
    if (!bom || (level > 0 && bom.lines.length === 0)) {
      const prev = totals.get(current);
      totals.set(current, { sku: current, quantity: (prev?.quantity ?? 0) + qty, level: Math.max(prev?.level ?? 0, level) });
      return;
    }
    const batches = Math.ceil(qty / bom.outputQty);
    for (const line of bom.lines) {
      const gross = batches * line.quantity;
      const withScrap = Math.ceil((gross * (10_000 + line.scrapBp)) / 10_000);
      await walk(line.sku, withScrap, level + 1, [...path, current]);
    }
  }
  await walk(sku, quantity, 0, []);
  return [...totals.values()].sort((a, b) => a.sku.localeCompare(b.sku));
}
