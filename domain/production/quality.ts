// Quality points (what is checked on a product's output, after which operation) and what the checks and alerts
// recorded, as people read them.
import type { ProductionDb } from '../../db/clients';
import { invalid, notFound } from '../errors';
import { pageOf, type PageQuery, type PageWindow } from '../paging';
import { activeBom } from './create-manufacturing-order';
import type { TCreateQualityPointRequest } from '../../api/routes/quality.schemas';

const iso = (d: Date | null) => d?.toISOString();

type PointRow = NonNullable<Awaited<ReturnType<ProductionDb['qualityPoint']['findUnique']>>>;
const pointView = (p: PointRow) => ({
  id: p.id,
  productSku: p.productSku,
  operationSequence: p.operationSequence ?? undefined,
  kind: p.kind,
  characteristic: p.characteristic ?? undefined,
  minValue: p.minValue ?? undefined,
  maxValue: p.maxValue ?? undefined,
  onFail: p.onFail,
  instructions: p.instructions,
  active: p.active,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
});

/** A point belongs to a product that is made here, after an operation its routing has. */
export async function createQualityPoint(db: ProductionDb, input: TCreateQualityPointRequest, by: string) {
  // Operations are those of how the product is made; a repaired unit gets the finished-goods points only.
  const bom = await activeBom(db, input.productSku);
  if (!bom) throw invalid('productSku', `${input.productSku} has no active bill of materials`);
  if (input.operationSequence !== undefined && !bom.routing.some((s) => s.sequence === input.operationSequence)) {
    throw invalid(
      'operationSequence',
      `the routing of ${input.productSku} has no operation ${input.operationSequence} (it has ${bom.routing.map((s) => s.sequence).join(', ')})`,
    );
  }
  const point = await db.qualityPoint.create({
    data: {
      productSku: input.productSku,
      operationSequence: input.operationSequence ?? null,
      kind: input.kind,
      characteristic: input.characteristic ?? null,
      minValue: input.minValue ?? null,
      maxValue: input.maxValue ?? null,
      onFail: input.onFail,
      instructions: input.instructions,
      createdBy: by,
    },
  });
  return pointView(point);
}

export async function listQualityPoints(db: ProductionDb, q: PageQuery & { product?: string; active?: 'true' | 'false' }) {
  const where = { ...(q.product ? { productSku: q.product } : {}), ...(q.active ? { active: q.active === 'true' } : {}) };
  return pageOf(
    q,
    () => db.qualityPoint.count({ where }),
    (window) => db.qualityPoint.findMany({ where, orderBy: { id: 'asc' }, ...window }),
    pointView,
  );
}

/** Deactivating twice is harmless; orders already running keep the points they read when their operations began. */
export async function deactivateQualityPoint(db: ProductionDb, id: number) {
  const { count } = await db.qualityPoint.updateMany({ where: { id }, data: { active: false } });
  if (count === 0) throw notFound(`Quality point ${id}`);
  return pointView(await db.qualityPoint.findUniqueOrThrow({ where: { id } }));
}

type CheckRow = Awaited<ReturnType<typeof checksOf>>[number];
const checksOf = (db: ProductionDb, where: object, window?: PageWindow) =>
  db.qualityCheck.findMany({
    where,
    orderBy: { id: 'asc' },
    ...window,
    include: { point: true, workOrder: { include: { workCenter: true, mo: { select: { number: true } } } } },
  });

export const checkView = (c: CheckRow) => ({
  id: c.id,
  mo: c.workOrder.mo.number,
  operationSequence: c.workOrder.sequence,
  workCenter: c.workOrder.workCenter.code,
  qualityPoint: c.qualityPointId ?? undefined,
  kind: c.kind,
  attempt: c.attempt,
  status: c.status,
  characteristic: c.point?.characteristic ?? undefined,
  tolerance: c.kind === 'measure' ? { min: c.point?.minValue ?? undefined, max: c.point?.maxValue ?? undefined } : undefined,
  measured: c.measured ? (JSON.parse(c.measured) as Record<string, number>) : undefined,
  outcome: c.outcome ?? undefined,
  reason: c.reason ?? undefined,
  photoRef: c.photoRef ?? undefined,
  checkedBy: c.checkedBy ?? undefined,
  checkedAt: iso(c.checkedAt),
});

export async function listQualityChecks(db: ProductionDb, q: PageQuery & { status?: string; workCenter?: string; mo?: string }) {
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.workCenter || q.mo
      ? { workOrder: { ...(q.workCenter ? { workCenter: { code: q.workCenter } } : {}), ...(q.mo ? { mo: { number: q.mo } } : {}) } }
      : {}),
  };
  return pageOf(
    q,
    () => db.qualityCheck.count({ where }),
    (window) => checksOf(db, where, window),
    checkView,
  );
}

/** The checks of one manufacturing order, for its view. */
export const checksOfOrder = async (db: ProductionDb, moId: number) => (await checksOf(db, { workOrder: { moId } })).map(checkView);

export async function listQualityAlerts(db: ProductionDb, q: PageQuery & { status?: string }) {
  const where = q.status ? { status: q.status } : {};
  return pageOf(
    q,
    () => db.qualityAlert.count({ where }),
    (window) => db.qualityAlert.findMany({ where, orderBy: { id: 'desc' }, ...window, include: { workCenter: true } }),
    (a) => ({
      number: a.number,
      workCenter: a.workCenter.code,
      status: a.status,
      failures: a.failures,
      reason: a.reason,
      raisedAt: a.raisedAt.toISOString(),
      acknowledgedBy: a.acknowledgedBy ?? undefined,
      acknowledgedAt: iso(a.acknowledgedAt),
    }),
  );
}
