// What a repair uses, as technicians report it: spare parts held in the shop and labour minutes.
// Reports take turns (a lock), so each gets its own step key and none overtakes the repair's end.
import { setHandler, workflowInfo } from '@temporalio/workflow';
import { ops, production } from '../shared/activities';
import { Lock } from '../shared/lock';
import { asRefusal, refuse } from '../shared/messages';
import { addMaintenancePartUpdate, reportMaintenanceLabourUpdate } from './repair-messages';

export class RepairLog {
  private readonly lock = new Lock();
  private reports = 0;
  private closed = false;

  constructor(
    number: string,
    private readonly note: (step: string, text: string) => void,
  ) {
    const key = () => `${workflowInfo().workflowId}:report:${++this.reports}`;
    const open = () => {
      if (this.closed) throw refuse(`Maintenance request ${number} is closed; nothing more can be reported on it`);
    };
    setHandler(
      addMaintenancePartUpdate,
      (req) =>
        this.lock.run(async () => {
          open();
          try {
            const costs = await ops.standardCosts({ skus: [req.sku] });
            const part = await production.reserveMaintenancePart({
              number,
              key: key(),
              sku: req.sku,
              quantity: req.quantity,
              unitCostCents: costs[req.sku] ?? 0,
            });
            this.note('part_reserved', `${req.quantity} × ${req.sku} (by ${req.requestedBy})`);
            return part;
          } catch (e) {
            return asRefusal(e);
          }
        }),
      { validator: (_req: { sku: string; quantity: number; requestedBy: string }) => open() },
    );
    setHandler(
      reportMaintenanceLabourUpdate,
      (req) =>
        this.lock.run(async () => {
          open();
          try {
            const labourMinutes = await production.addMaintenanceLabour({ number, key: key(), minutes: req.minutes, by: req.reportedBy });
            this.note('labour', `${req.minutes} min (by ${req.reportedBy})`);
            return { labourMinutes };
          } catch (e) {
            return asRefusal(e);
          }
        }),
      { validator: (_req: { minutes: number; reportedBy: string }) => open() },
    );
  }

  /** Runs the repair's end once no report is in flight; later reports are refused. */
  close<T>(end: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.closed = true;
      return end();
    });
  }
}
