// Start a process: one form per kind of document, chosen with the tabs (links, so each is bookmarkable).
import { ManufacturingForm } from '../start/manufacturing-form';
import { OrderForm } from '../start/order-form';
import { RequisitionForm } from '../start/requisition-form';
import { TicketForm } from '../start/ticket-form';
import { href } from '../router';

const FORMS = {
  order: { label: 'Order', roles: 'operator', Form: OrderForm },
  requisition: { label: 'Requisition', roles: 'requester', Form: RequisitionForm },
  ticket: { label: 'Ticket', roles: 'agent, operator', Form: TicketForm },
  'manufacturing-order': { label: 'Manufacturing order', roles: 'production, manager', Form: ManufacturingForm },
} as const;
type FormName = keyof typeof FORMS;

export function StartPage({ which }: { which?: string }) {
  const current: FormName = which && which in FORMS ? (which as FormName) : 'order';
  const { Form, roles } = FORMS[current];
  return (
    <section>
      <h1 tabIndex={-1}>Start a process</h1>
      <nav class="tabs" aria-label="What to start">
        {(Object.keys(FORMS) as FormName[]).map((k) => (
          <a key={k} href={href('start', k)} aria-current={k === current ? 'page' : undefined}>
            {FORMS[k].label}
          </a>
        ))}
      </nav>
      <p class="hint">Needs the role {roles}.</p>
      <Form key={current} />
    </section>
  );
}
