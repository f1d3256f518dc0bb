import express from 'express';
import { authenticate, portalBoundary } from './auth';
import type { AppDeps } from './deps';
import { errorHandler } from './errors';
import { docsPage, openApiDocument } from './openapi';
import { invoicesRouter } from './routes/invoices';
import { ordersRouter } from './routes/orders';
import { processesRouter } from './routes/processes';
import { procurementRouter } from './routes/procurement';
import { stockRouter } from './routes/stock';
import { tasksRouter } from './routes/tasks';
import { ticketsRouter } from './routes/tickets';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.get('/api/openapi.json', (_req, res) => void res.json(openApiDocument()));
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage()));
  app.use('/api', authenticate(deps.users), portalBoundary);
  app.use('/api/orders', ordersRouter(deps));
  app.use('/api/stock', stockRouter(deps));
  app.use('/api/invoices', invoicesRouter(deps));
  app.use('/api/tasks', tasksRouter(deps));
  app.use('/api/processes', processesRouter(deps));
  app.use('/api', procurementRouter(deps));
  app.use('/api/tickets', ticketsRouter(deps));
  app.use('/api', (req, res) => void res.status(404).json({ error: { code: 'NOT_FOUND', message: `No endpoint ${req.method} ${req.originalUrl}; see /api/docs` } }));
  app.use(errorHandler);
  return app;
}
