// The manager reports (/api/reports/*) as charts, for one period chosen above them.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { amount, isoDayFromNow } from '../format';
import { ChartView } from '../parts/chart';
import { LoadError, useLoad } from '../parts/use-load';
import { href, navigate } from '../router';

const AGING = [
  ['current', 'Current'],
  ['days1to30', '1–30 days'],
  ['days31to60', '31–60 days'],
  ['days61to90', '61–90 days'],
  ['over90', 'Over 90 days'],
] as const;

export function DashboardsPage({ query }: { query: URLSearchParams }) {
  const period = {
    from: query.get('from') ?? isoDayFromNow(-29),
    to: query.get('to') ?? isoDayFromNow(0),
    bucket: query.get('bucket') ?? 'day',
  };
  const [form, setForm] = useState(period);
  const key = `${period.from}/${period.to}/${period.bucket}`;
  const reports = useLoad(async () => {
    const range = { from: period.from, to: period.to };
    const [aging, payables, sla, otif, throughput] = await Promise.all([
      api('GET', '/reports/receivables-aging', { query: { asOf: period.to } }),
      api('GET', '/reports/payables-due'),
      api('GET', '/reports/sla', { query: range }),
      api('GET', '/reports/otif', { query: range }),
      api('GET', '/reports/throughput', { query: { ...range, bucket: period.bucket } }),
    ]);
    return { aging, payables, sla, otif, throughput };
  }, [key]);
  const r = reports.data;
  return (
    <section>
      <h1 tabIndex={-1}>Dashboards</h1>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), navigate(href('dashboards', form)))}>
        <label for="d-from">From</label>
        <input id="d-from" type="date" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
        <label for="d-to">To</label>
        <input id="d-to" type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        <label for="d-bucket">Throughput per</label>
        <select id="d-bucket" value={form.bucket} onChange={(e) => setForm({ ...form, bucket: e.currentTarget.value })}>
          <option value="day">day</option>
          <option value="week">week</option>
        </select>
        <button type="submit">Show</button>
      </form>
      <LoadError error={reports.error} what="Reports" />
      {reports.loading && !r && <p>Loading reports…</p>}
      {r && (
        <div class="dashboards">
          <Card
            title={`Receivables aging on ${r.aging.asOf}`}
            basis={r.aging.basis}
            headline={`${amount(r.aging.totals.total)} open in ${r.aging.openInvoices} invoices`}
          >
            <ChartView
              type="bar"
              title="Receivables aging"
              labels={AGING.map(([, l]) => l)}
              series={[{ label: 'Outstanding', values: AGING.map(([k]) => r.aging.totals[k]) }]}
              unit="amount"
            />
          </Card>
          <Card
            title={`Payables due within ${r.payables.within} days`}
            basis={r.payables.basis}
            headline={`${amount(r.payables.totals.owed)} owed, ${amount(r.payables.totals.discountsAvailable)} in discounts`}
          >
            <ChartView
              type="bar"
              title="Payables due"
              labels={r.payables.buckets.map((b: { key: string; from?: string }) => (b.key === 'overdue' ? 'Overdue' : (b.from ?? b.key)))}
              series={[
                { label: 'Owed', values: r.payables.buckets.map((b: { owed: number }) => b.owed) },
                {
                  label: 'Discounts available',
                  values: r.payables.buckets.map((b: { discountsAvailable: number }) => b.discountsAvailable),
                },
              ]}
              unit="amount"
            />
          </Card>
          <Card
            title="Service levels"
            basis={r.sla.basis}
            headline={`${r.sla.tickets} tickets, ${r.sla.withinSlaPercent ?? '—'} % of closed within SLA`}
          >
            <ChartView
              type="bar"
              title="Tickets per priority"
              labels={r.sla.byPriority.map((p: { priority: string }) => p.priority)}
              series={[
                { label: 'Closed within SLA', values: r.sla.byPriority.map((p: { closedWithinSla: number }) => p.closedWithinSla) },
                {
                  label: 'First-response breaches',
                  values: r.sla.byPriority.map((p: { firstResponseBreaches: number }) => p.firstResponseBreaches),
                },
                { label: 'Resolution breaches', values: r.sla.byPriority.map((p: { resolutionBreaches: number }) => p.resolutionBreaches) },
              ]}
              unit="tickets"
            />
          </Card>
          <Card
            title="On time in full"
            basis={r.otif.basis}
            headline={`${r.otif.orders} orders delivered, OTIF ${r.otif.otifPercent ?? '—'} %`}
          >
            <ChartView
              type="bar"
              title="Delivered orders"
              labels={['On time', 'In full', 'On time in full']}
              series={[
                { label: 'Orders', values: [r.otif.onTime, r.otif.inFull, r.otif.otif] },
                { label: 'All delivered', values: [r.otif.orders, r.otif.orders, r.otif.orders] },
              ]}
              unit="orders"
            />
          </Card>
          <Card title={`Throughput per ${r.throughput.bucket}`} basis={r.throughput.basis} wide>
            <Throughput report={r.throughput} />
          </Card>
        </div>
      )}
    </section>
  );
}

function Throughput({
  report,
}: {
  report: { buckets: string[]; kinds: Record<string, { series: { started: number; completed: number; stopped: number }[] }> };
}) {
  const sum = (k: 'started' | 'completed' | 'stopped') =>
    report.buckets.map((_, i) => Object.values(report.kinds).reduce((s, kind) => s + (kind.series[i]?.[k] ?? 0), 0));
  return (
    <ChartView
      type="line"
      title="Processes started and ended"
      labels={report.buckets}
      series={[
        { label: 'Started', values: sum('started') },
        { label: 'Completed', values: sum('completed') },
        { label: 'Stopped', values: sum('stopped') },
      ]}
      unit="processes"
    />
  );
}

function Card({
  title,
  basis,
  headline,
  wide,
  children,
}: {
  title: string;
  basis: string;
  headline?: string;
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <article class={`card${wide ? ' wide' : ''}`}>
      <h2>{title}</h2>
      {headline && <p class="headline">{headline}</p>}
      {children}
      <details>
        <summary>How this is computed</summary>
        <p class="hint">{basis}</p>
      </details>
    </article>
  );
}
