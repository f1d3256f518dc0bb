// Working calendar, SLA policies, service agents and the labour product invoiced for field work.
// Idempotent: rows are created once and then belong to the installation (a restart never undoes
// an edit), except that new seeded holidays are added to the calendar.
import type { OperationsDb } from './clients';

export const STANDARD_CALENDAR = {
  code: 'STD',
  timezone: 'Europe/Berlin',
  workdays: '1,2,3,4,5',
  openMinute: 9 * 60,
  closeMinute: 17 * 60,
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-01',
    '2026-05-14',
    '2026-05-25',
    '2026-10-03',
    '2026-12-24',
    '2026-12-25',
    '2026-12-26',
    '2026-12-31',
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-17',
    '2027-10-03',
    '2027-12-24',
    '2027-12-25',
    '2027-12-26',
  ],
};

/** Business minutes to first response / resolution, by customer tier and priority. */
export const SLA_TARGETS: Record<string, Record<string, [number, number]>> = {
  standard: { low: [480, 2400], normal: [240, 1440], high: [60, 480], urgent: [30, 240] },
  gold: { low: [240, 1920], normal: [120, 960], high: [30, 360], urgent: [15, 180] },
  platinum: { low: [120, 1440], normal: [60, 480], high: [15, 240], urgent: [10, 120] },
};

export const SERVICE_AGENTS = [
  { code: 'AG-01', name: 'Gina Agent', kind: 'agent', team: 'hardware', skills: 'hardware,installation,general' },
  { code: 'AG-02', name: 'Gus Agent', kind: 'agent', team: 'software', skills: 'software,billing,general' },
  { code: 'AG-03', name: 'Hana Helpdesk', kind: 'agent', team: 'general', skills: 'general,billing,installation' },
  { code: 'TE-01', name: 'Theo Technician', kind: 'technician', team: 'field', skills: 'hardware,installation' },
  { code: 'TE-02', name: 'Tara Technician', kind: 'technician', team: 'field', skills: 'hardware' },
  // The demo technician key's user: a technician reports only visits booked under their own name.
  { code: 'TE-03', name: 'Tom Technician', kind: 'technician', team: 'field', skills: 'installation,software' },
];

/** Field labour is invoiced per started quarter hour through this service product. */
export const LABOUR_SKU = 'SVC-LABOUR-15';

export async function seedServiceReferenceData(db: OperationsDb): Promise<void> {
  const existing = await db.serviceCalendar.findUnique({ where: { code: STANDARD_CALENDAR.code } });
  const holidays = [...new Set([...(existing ? (JSON.parse(existing.holidays) as string[]) : []), ...STANDARD_CALENDAR.holidays])].sort();
  await db.serviceCalendar.upsert({
    where: { code: STANDARD_CALENDAR.code },
    create: { ...STANDARD_CALENDAR, holidays: JSON.stringify(holidays) },
    update: { holidays: JSON.stringify(holidays) },
  });
  for (const [tier, byPriority] of Object.entries(SLA_TARGETS)) {
    for (const [priority, [firstResponseMinutes, resolutionMinutes]] of Object.entries(byPriority)) {
      await db.slaPolicy.upsert({
        where: { priority_tier: { priority, tier } },
        create: { priority, tier, firstResponseMinutes, resolutionMinutes, calendarCode: STANDARD_CALENDAR.code },
        update: {},
      });
    }
  }
  for (const a of SERVICE_AGENTS) await db.serviceAgent.upsert({ where: { code: a.code }, create: a, update: {} });
  await db.product.upsert({
    where: { sku: LABOUR_SKU },
    create: {
      sku: LABOUR_SKU,
      name: 'Field service labour (per started quarter hour)',
      uom: 'qh',
      kind: 'service',
      listPriceCents: 2_500,
      standardCostCents: 1_500,
      taxRateBp: 2000,
    },
    update: {},
  });
}
