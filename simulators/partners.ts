// Simulated outside parties (carriers, suppliers) reachable over real HTTP, so the engine's
// timeouts, retries and idempotency are exercised exactly as against the real thing. Tests and
// operators steer each party through /control: fail the next N calls, go down for a while,
// answer slowly, or (suppliers) promise a later date. Machine controllers of the work centers live
// under /machines (see machines.ts).
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { z } from 'zod';
import { createMachineSimulator, type MachineSimulatorOptions } from './machines';

export interface PartyBehaviour {
  /** Fail this many calls with 503 before answering normally again. */
  failNext: number;
  /** Fail every call with 503 until this time (ms since epoch). */
  downUntil: number;
  /** Wait this long before answering. */
  delayMs: number;
  /** Suppliers only: confirm this many days later than asked. */
  promiseDelayDays: number;
}

const ZControl = z
  .object({
    failNext: z.number().int().min(0).optional(),
    downForMs: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    promiseDelayDays: z.number().int().min(0).optional(),
    reset: z.boolean().optional(),
  })
  .strict();

/**
 * Derived from the booking key, not counted in memory: a restarted carrier never repeats a number it
 * gave another booking, and a booking repeated under its key keeps its number. 60 bits of the hash
 * make a clash between two keys practically impossible.
 */
export function trackingNumber(carrier: string, bookingKey: string): string {
  const hash = createHash('sha256').update(`${carrier}\n${bookingKey}`).digest('hex');
  return `${carrier}-${BigInt(`0x${hash.slice(0, 15)}`)
    .toString(36)
    .toUpperCase()}`;
}

const fresh = (): PartyBehaviour => ({ failNext: 0, downUntil: 0, delayMs: 0, promiseDelayDays: 0 });

export interface PartnerSimulatorOptions {
  machines?: MachineSimulatorOptions;
}

export function createPartnerSimulator(opts: PartnerSimulatorOptions = {}) {
  const behaviour = new Map<string, PartyBehaviour>();
  const calls = new Map<string, number>();
  const bookings = new Map<string, { trackingNumber: string; shipmentNumber: string; at: string }>();
  const pickups = new Map<string, { trackingNumber: string; rmaNumber: string; at: string }>();
  const purchaseOrders = new Map<
    string,
    { poNumber: string; supplier: string; promisedDate: string; lines: unknown; at: string; cancelled?: boolean }
  >();
  const party = (kind: string, code: string) => `${kind}/${code}`;
  const get = (key: string) => behaviour.get(key) ?? fresh();

  /** Applies the party's current behaviour; true when the call should fail. */
  async function misbehave(key: string): Promise<boolean> {
    calls.set(key, (calls.get(key) ?? 0) + 1);
    const b = get(key);
    if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
    if (b.downUntil > Date.now()) return true;
    if (b.failNext > 0) {
      behaviour.set(key, { ...b, failNext: b.failNext - 1 });
      return true;
    }
    return false;
  }

  const app = express();
  app.use(express.json());
  const machines = createMachineSimulator(opts.machines);
  app.use('/machines', machines.router);

  app.post('/control/:kind/:code', (req, res) => {
    const key = party(req.params.kind, req.params.code);
    const c = ZControl.parse(req.body);
    const b = c.reset ? fresh() : get(key);
    behaviour.set(key, {
      failNext: c.failNext ?? b.failNext,
      downUntil: c.downForMs !== undefined ? Date.now() + c.downForMs : b.downUntil,
      delayMs: c.delayMs ?? b.delayMs,
      promiseDelayDays: c.promiseDelayDays ?? b.promiseDelayDays,
    });
    res.json({ party: key, ...behaviour.get(key), calls: calls.get(key) ?? 0 });
  });
  app.get('/control/:kind/:code', (req, res) => {
    const key = party(req.params.kind, req.params.code);
    res.json({ party: key, ...get(key), calls: calls.get(key) ?? 0 });
  });

  app.post('/carriers/:code/bookings', async (req, res) => {
    if (await misbehave(party('carriers', req.params.code))) return void res.status(503).json({ error: 'carrier system unavailable' });
    const shipmentNumber = String(req.header('idempotency-key') ?? req.body?.shipmentNumber ?? '');
    if (!shipmentNumber) return void res.status(400).json({ error: 'shipmentNumber is required' });
    // Booking the same shipment twice returns the first booking, as real carrier APIs do with idempotency keys.
    let booking = bookings.get(shipmentNumber);
    if (!booking) {
      booking = { shipmentNumber, trackingNumber: trackingNumber(req.params.code, shipmentNumber), at: new Date().toISOString() };
      bookings.set(shipmentNumber, booking);
    }
    res.status(201).json(booking);
  });
  app.get('/carriers/:code/bookings', (_req, res) => void res.json([...bookings.values()]));

  // Collecting returned goods from a customer: the same outages as bookings, keyed by the RMA number.
  app.post('/carriers/:code/pickups', async (req, res) => {
    if (await misbehave(party('carriers', req.params.code))) return void res.status(503).json({ error: 'carrier system unavailable' });
    const rmaNumber = String(req.header('idempotency-key') ?? req.body?.rmaNumber ?? '');
    if (!rmaNumber) return void res.status(400).json({ error: 'rmaNumber is required' });
    let pickup = pickups.get(rmaNumber);
    if (!pickup) {
      pickup = { rmaNumber, trackingNumber: trackingNumber(req.params.code, rmaNumber), at: new Date().toISOString() };
      pickups.set(rmaNumber, pickup);
    }
    res.status(201).json(pickup);
  });
  app.get('/carriers/:code/pickups', (_req, res) => void res.json([...pickups.values()]));

  app.post('/suppliers/:code/orders', async (req, res) => {
    const key = party('suppliers', req.params.code);
    if (await misbehave(key)) return void res.status(503).json({ error: 'supplier gateway unavailable' });
    const poNumber = String(req.body?.poNumber ?? '');
    const requested = Date.parse(req.body?.requestedDate ?? '');
    if (!poNumber || Number.isNaN(requested)) return void res.status(400).json({ error: 'poNumber and requestedDate are required' });
    let po = purchaseOrders.get(poNumber);
    if (!po) {
      const promised = new Date(requested + get(key).promiseDelayDays * 86_400_000).toISOString().slice(0, 10);
      po = { poNumber, supplier: req.params.code, promisedDate: promised, lines: req.body.lines, at: new Date().toISOString() };
      purchaseOrders.set(poNumber, po);
    }
    res.status(201).json({ poNumber, status: po.cancelled ? 'cancelled' : 'confirmed', promisedDate: po.promisedDate });
  });
  app.post('/suppliers/:code/orders/:po/cancel', async (req, res) => {
    if (await misbehave(party('suppliers', req.params.code))) return void res.status(503).json({ error: 'supplier gateway unavailable' });
    const po = purchaseOrders.get(req.params.po);
    if (!po) return void res.status(404).json({ error: `unknown purchase order ${req.params.po}` });
    po.cancelled = true;
    res.json({ poNumber: po.poNumber, status: 'cancelled' });
  });
  app.get(
    '/suppliers/:code/orders',
    (req, res) => void res.json([...purchaseOrders.values()].filter((p) => p.supplier === req.params.code)),
  );

  app.use(((err, _req, res, _next) => {
    res.status(err instanceof z.ZodError ? 400 : 500).json({ error: err instanceof z.ZodError ? err.issues : String(err) });
  }) as express.ErrorRequestHandler);

  return { app, bookings, pickups, purchaseOrders, calls, machines };
}

export type PartnerSimulator = ReturnType<typeof createPartnerSimulator> & { server: Server; url: string };

export async function startPartnerSimulator(port = 0, host = '127.0.0.1', opts: PartnerSimulatorOptions = {}): Promise<PartnerSimulator> {
  const sim = createPartnerSimulator(opts);
  const server = await new Promise<Server>((resolve) => {
    const s = sim.app.listen(port, host, () => resolve(s));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { ...sim, server, url: `http://${host}:${actualPort}` };
}
