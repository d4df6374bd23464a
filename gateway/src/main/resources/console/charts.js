// Charts (Apache ECharts from its WebJar) and the hourly or daily series behind them.
const charts = new Set();
const COLORS = ['#2f6fde', '#d0393e', '#1f9d55', '#d68a00', '#7a4fd6', '#0f9bb0'];

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}

const HOUR = 3600_000;
const DAY = 86400_000;

/** Start instants (ms) of the hours or days from since to until (UTC buckets), at most max. */
export function bucketsBetween(per, since, until, max = 1000) {
  const size = per === 'hour' ? HOUR : DAY;
  const first = Math.floor(since / size) * size;
  const out = [];
  for (let t = first; t < until && out.length < max; t += size) out.push(t);
  return out;
}

/** Start instants (ms) of the last n hours or days (UTC buckets, as the admin API groups them), oldest first. */
export function buckets(per, n, now = Date.now()) {
  const size = per === 'hour' ? HOUR : DAY;
  const last = Math.floor(now / size) * size;
  return Array.from({ length: n }, (_, i) => last - (n - 1 - i) * size);
}

/** Summary rows (with "period") laid onto buckets; missing buckets count zero. */
export function series(rows, bucketStarts, field) {
  const byPeriod = new Map(rows.map((r) => [Date.parse(r.period), r]));
  return bucketStarts.map((t) => Number((byPeriod.get(t) || {})[field] || 0));
}

const pad = (n) => String(n).padStart(2, '0');
export function bucketLabel(per, t) {
  const d = new Date(t);
  // Days are UTC days (as the admin API adds them up); hours are shown in local time.
  return per === 'hour' ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A bar or line chart in node: labels on x, and lines = [{name, data, type?, money?}].
 */
export function chart(node, labels, lines, opts = {}) {
  const c = echarts.init(node, null, { renderer: 'svg' });
  charts.add(c);
  const money = lines.some((l) => l.money);
  const fmt = (v) => money ? (v === 0 ? '$0' : '$' + (v >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(2)))))
    : v >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : v >= 1e3 ? (v / 1e3).toFixed(1) + 'k' : String(v);
  c.setOption({
    animation: false,
    color: opts.colors || COLORS,
    grid: { left: 8, right: 12, top: lines.length > 1 ? 30 : 12, bottom: 4, containLabel: true },
    legend: lines.length > 1 ? { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 12 } } : undefined,
    tooltip: { trigger: 'axis', valueFormatter: (v) => money ? '$' + Number(v).toFixed(6).replace(/\.?0+$/, '') : Number(v).toLocaleString('en-US') },
    xAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLabel: { fontSize: 11, color: '#66727f', hideOverlap: true },
      axisLine: { lineStyle: { color: '#cfd6de' } } },
    yAxis: { type: 'value', minInterval: money ? 0 : 1, axisLabel: { fontSize: 11, color: '#66727f', formatter: fmt },
      splitLine: { lineStyle: { color: '#eceff3' } } },
    series: lines.map((l) => ({
      name: l.name, type: l.type || 'bar', data: l.data, stack: l.stack, barMaxWidth: 18,
      smooth: false, symbol: 'none', lineStyle: { width: 2 }, areaStyle: l.type === 'line' ? { opacity: 0.12 } : undefined,
    })),
  });
  return c;
}
