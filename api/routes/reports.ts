import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { otifReport } from '../../domain/reports/otif';
import { payablesDue } from '../../domain/reports/payables-due';
import { periodOf } from '../../domain/reports/period';
import { receivablesAging } from '../../domain/reports/receivables-aging';
import { slaReport } from '../../domain/reports/sla';
import { throughputReport } from '../../domain/reports/throughput';
import type { reportEndpoints } from './reports.endpoints';
import { ZPayablesDueQuery, ZPeriodQuery, ZReceivablesAgingQuery, ZThroughputQuery } from './reports.schemas';

export function reportHandlers({ operations, production }: AppDeps): Handlers<typeof reportEndpoints> {
  return {
    receivablesAging: async (req, res) => void res.json(await receivablesAging(operations, ZReceivablesAgingQuery.parse(req.query))),
    payablesDue: async (req, res) => void res.json(await payablesDue(operations, ZPayablesDueQuery.parse(req.query))),
    sla: async (req, res) => void res.json(await slaReport(operations, periodOf(ZPeriodQuery.parse(req.query)))),
    otif: async (req, res) => void res.json(await otifReport(operations, periodOf(ZPeriodQuery.parse(req.query)))),
    throughput: async (req, res) => {
      const q = ZThroughputQuery.parse(req.query);
      res.json(await throughputReport(operations, production, periodOf(q), q.bucket));
    },
  };
}
