import type { ProcurementPolicy } from './procurement/types';

export async function procureToPay(_input: { requisitionNumber: string; policy: ProcurementPolicy }): Promise<void> {
  throw new Error('procure-to-pay process not built yet');
}
