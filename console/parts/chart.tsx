// A Chart.js chart on a canvas, with the same figures in a table for those who cannot see the canvas.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

export interface Series {
  label: string;
  values: number[];
}

interface Props {
  type: Extract<ChartType, 'bar' | 'line'>;
  title: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  unit?: string;
}

export function ChartView({ type, title, labels, series, stacked, unit }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLORS[i % COLORS.length],
          borderColor: COLORS[i % COLORS.length],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked },
          y: {
            stacked,
            beginAtZero: true,
            ticks: unit === 'amount' ? {} : { precision: 0 },
            title: unit ? { display: true, text: unit } : undefined,
          },
        },
      },
    });
    return () => chart.destroy();
  }, [type, JSON.stringify(labels), JSON.stringify(series), stacked, unit]);
  return (
    <figure class="chart">
      <div class="canvas-box">
        <canvas ref={canvas} role="img" aria-label={`${title} (chart; the figures follow in a table)`} />
      </div>
      <details>
        <summary>Figures of {title.toLowerCase()}</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col"></th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                {series.map((s) => (
                  <td key={s.label} class="num">
                    {s.values[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
