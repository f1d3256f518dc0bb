// People acting on a running ticket. Each action is an update to the ticket's process: the process
// decides whether it is allowed now, and a refusal comes back as a 409 with its reason.
import type { Client } from '@temporalio/client';
import type { ApiUser } from '../../config';
import type { OperationsDb } from '../../db/clients';
import { AppError, AppErrorCode, notFound } from '../errors';
import * as m from '../../workflows/ticket/messages';
import type { Priority } from '../../workflows/ticket/types';
import { ticketHandle } from './ticket-process';

async function send<R, A>(db: OperationsDb, temporal: Client, number: string, update: m.UpdateOf<R, A>, arg: A): Promise<R> {
  return (await ticketHandle(db, temporal, number)).executeUpdate(update, { args: [arg] as never });
}

export const respond = (db: OperationsDb, t: Client, n: string, i: { message: string; askCustomer: boolean }, by: string) =>
  send(db, t, n, m.respondUpdate, { ...i, by });
export const customerReply = (db: OperationsDb, t: Client, n: string, i: { message: string }, by: string) =>
  send(db, t, n, m.customerReplyUpdate, { ...i, by });
export const changePriority = (db: OperationsDb, t: Client, n: string, i: { priority: Priority; reason: string }, by: string) =>
  send(db, t, n, m.changePriorityUpdate, { ...i, by });
export const assign = (db: OperationsDb, t: Client, n: string, i: { agent: string; reason?: string }, by: string) =>
  send(db, t, n, m.assignUpdate, { ...i, by });
export const scheduleVisit = (db: OperationsDb, t: Client, n: string, i: Omit<m.VisitRequest, 'by'>, by: string) =>
  send(db, t, n, m.scheduleVisitUpdate, { ...i, by });
export const resolve = (db: OperationsDb, t: Client, n: string, i: { resolution: string }, by: string) =>
  send(db, t, n, m.resolveUpdate, { ...i, by });
export const orderReplacement = (db: OperationsDb, t: Client, n: string, i: { lines: { sku: string; quantity: number }[] }, by: string) =>
  send(db, t, n, m.orderReplacementUpdate, { ...i, by });
export const confirmResolution = (db: OperationsDb, t: Client, n: string, i: Omit<m.ConfirmationRequest, 'by'>, by: string) =>
  send(db, t, n, m.confirmResolutionUpdate, { ...i, by });

/** Only the visit's own technician reports it (supervisors and admins may report for them). */
export async function reportVisit(
  db: OperationsDb,
  t: Client,
  n: string,
  visit: string,
  i: Omit<m.VisitReport, 'by' | 'visit'>,
  user: ApiUser,
) {
  const row = await db.fieldVisit.findUnique({ where: { number: visit } });
  if (!row) throw notFound(`Visit ${visit}`);
  const technician = await db.serviceAgent.findUnique({ where: { code: row.technician } });
  const standIn = user.roles.includes('admin') || user.roles.includes('supervisor');
  if (!standIn && technician?.name !== user.name) {
    throw new AppError(AppErrorCode.FORBIDDEN, {
      message: `Visit ${visit} is assigned to ${technician?.name ?? row.technician}; only they (or a supervisor) can report it`,
    });
  }
  return send(db, t, n, m.reportVisitUpdate, { ...i, visit, by: user.name });
}
