// Intake of a service ticket, from the API or from another process (e.g. a delivery complaint):
// validate the references, write the ticket with its first event and audit row in one
// transaction, then start its process. If the process cannot start, the ticket is removed again.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, type FieldIssue } from '../errors';
import { rememberResult, type KeyedRequest } from '../idempotency-key';
import { createWithProcess } from '../processes/create-with-process';
import type { OrderPolicy } from '../../workflows/order/types';
import type { Category, Priority, TicketPolicy } from '../../workflows/ticket/types';
import { startTicketProcess } from './ticket-process';

const WARRANTY_MS = 2 * 365 * 86_400_000;

export interface NewTicket {
  customer: string;
  subject: string;
  description: string;
  /** 'process' when another process opened it (e.g. a short delivery). */
  channel: 'email' | 'phone' | 'portal' | 'web' | 'process';
  priority: Priority;
  category?: Category;
  productSku?: string;
  serialNumber?: string;
  orderRef?: string;
}

/** Validates and writes the ticket (no process yet); returns its number. */
export async function recordTicket(db: OperationsDb, input: NewTicket, createdBy: string, keyed?: KeyedRequest): Promise<string> {
  const customer = await db.customer.findUnique({ where: { code: input.customer } });
  const product = input.productSku ? await db.product.findUnique({ where: { sku: input.productSku } }) : undefined;
  const order = input.orderRef ? await db.salesOrder.findUnique({ where: { number: input.orderRef } }) : undefined;
  const issues: FieldIssue[] = [];
  if (!customer) issues.push({ field: 'customer', message: `no customer with code ${input.customer}` });
  if (input.productSku && !product) issues.push({ field: 'productSku', message: `no product with SKU ${input.productSku}` });
  if (input.orderRef && !order) issues.push({ field: 'orderRef', message: `no order ${input.orderRef}` });
  else if (order && customer && order.customerId !== customer.id)
    issues.push({ field: 'orderRef', message: `order ${input.orderRef} belongs to another customer` });
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid ticket: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });

  const category = input.category ?? (input.productSku ? 'hardware' : 'general');
  // Warranty is proven by the order the product came with; without one, the work is billable.
  const underWarranty = !!order && Date.now() - order.createdAt.getTime() < WARRANTY_MS;
  return db.$transaction(async (tx) => {
    const number = await nextNumber(tx, 'ticket', 'TCK');
    const ticket = await tx.ticket.create({
      data: {
        number,
        customerId: customer!.id,
        subject: input.subject,
        description: input.description,
        channel: input.channel,
        productSku: input.productSku ?? null,
        serialNumber: input.serialNumber ?? null,
        orderRef: input.orderRef ?? null,
        category,
        priority: input.priority,
        status: 'new',
        underWarranty,
        createdBy,
      },
    });
    await tx.ticketEvent.create({
      data: {
        key: `${number}:created`,
        ticketId: ticket.id,
        at: ticket.createdAt,
        kind: 'created',
        actor: createdBy,
        data: JSON.stringify({ channel: input.channel, priority: input.priority, category }),
      },
    });
    await tx.auditLog.create({
      data: { actor: createdBy, action: 'ticket.created', entityType: 'Ticket', entityRef: number, data: JSON.stringify(input) },
    });
    await rememberResult(tx, keyed, number);
    return number;
  });
}

/** `orderPolicy` lets the ticket order replacements (their delivery runs with it). */
export async function createTicket(opts: {
  db: OperationsDb;
  temporal: Client;
  policy: TicketPolicy;
  orderPolicy?: OrderPolicy;
  input: NewTicket;
  userName: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  return createWithProcess(opts.db, opts.keyed, {
    kind: 'ticket',
    record: () => recordTicket(opts.db, opts.input, opts.userName, opts.keyed),
    start: (number) => startTicketProcess(opts.db, opts.temporal, number, opts.policy, opts.orderPolicy),
    remove: (number) =>
      opts.db.$transaction(async (tx) => {
        const t = await tx.ticket.findUniqueOrThrow({ where: { number } });
        await tx.ticketEvent.deleteMany({ where: { ticketId: t.id } });
        await tx.ticket.delete({ where: { id: t.id } });
        await tx.auditLog.deleteMany({ where: { entityRef: number } });
        await tx.idempotencyRecord.deleteMany({ where: { resourceRef: number } });
      }),
  });
}
