// The kinds of process and of waits the engine publishes, as plain lists with no imports: workflow
// code, the API's validation and the browser console all read them from here.
export const PROCESS_KINDS = [
  'order',
  'requisition',
  'purchase-order',
  'ticket',
  'manufacturing-order',
  'return',
  'maintenance',
  'quality-alert',
  'preventive-maintenance',
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

export const WAITING_ON = ['person', 'role', 'partner', 'machine', 'timer', 'nothing'] as const;
export type WaitingOn = (typeof WAITING_ON)[number];
