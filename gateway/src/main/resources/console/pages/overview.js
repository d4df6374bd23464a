// Overview: the last day per hour and the last month per day, top tokens and models, upstream health.
import { api } from '../api.js';
import { buckets, bucketLabel, chart, series } from '../charts.js';
import { el, compact, int, plural, usd, stateBadge, table } from '../format.js';

function kpi(label, value, sub) {
  return el('div', { class: 'panel kpi' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value),
    el('div', { class: 'sub' }, sub));
}

function chartPanel(title, id) {
  return el('div', { class: 'panel' }, el('h3', {}, title), el('div', { class: 'chart', id }));
}

function drawPeriod(root, prefix, per, rows, n) {
  const starts = buckets(per, n);
  const labels = starts.map((t) => bucketLabel(per, t));
  const get = (field) => series(rows, starts, field);
  chart(root.querySelector('#' + prefix + '-requests'), labels, [
    { name: 'Requests', data: get('requests') }, { name: 'Errors', data: get('errors') }]);
  chart(root.querySelector('#' + prefix + '-tokens'), labels, [
    { name: 'Tokens in', data: get('prompt_tokens'), stack: 't' },
    { name: 'Tokens out', data: get('output_tokens').map((v, i) => v + get('thought_tokens')[i]), stack: 't' }],
    { colors: ['#2f6fde', '#7a4fd6'] });
  chart(root.querySelector('#' + prefix + '-cost'), labels, [
    { name: 'Cost', data: get('cost_usd'), type: 'line', money: true }], { colors: ['#1f9d55'] });
}

export default {
  title: 'Overview',
  async render(root) {
    const now = Date.now();
    const dayAgo = new Date(now - 24 * 3600_000).toISOString();
    const monthAgo = new Date(now - 30 * 86400_000).toISOString();
    const [hourly, daily, byToken, byModel, ups] = await Promise.all([
      api.get('usage/summary', { per: 'hour', since: dayAgo }),
      api.get('usage/summary', { per: 'day', since: monthAgo }),
      api.get('usage/summary', { by: 'token', since: monthAgo }),
      api.get('usage/summary', { by: 'model', since: monthAgo }),
      api.get('upstreams'),
    ]);
    const t = hourly.totals;
    const errorRate = t.requests ? (100 * t.errors / t.requests).toFixed(1) + '% of requests' : 'no requests';
    root.append(
      el('div', { class: 'section-title' }, 'Last 24 hours'),
      el('div', { class: 'grid cols-5' },
        kpi('Requests', int(t.requests), int(daily.totals.requests) + ' in 30 days'),
        kpi('Errors', int(t.errors), errorRate),
        kpi('Tokens in', compact(t.prompt_tokens), compact(t.cached_tokens) + ' cached'),
        kpi('Tokens out', compact(t.output_tokens + t.thought_tokens), compact(t.thought_tokens) + ' thinking'),
        kpi('Cost', usd(t.cost_usd), usd(daily.totals.cost_usd) + ' in 30 days')),
      el('div', { class: 'section-title' }, 'Per hour, last 24 hours'),
      el('div', { class: 'grid cols-3' }, chartPanel('Requests and errors', 'h-requests'),
        chartPanel('Tokens in and out', 'h-tokens'), chartPanel('Cost (USD)', 'h-cost')),
      el('div', { class: 'section-title' }, 'Per day (UTC), last 30 days'),
      el('div', { class: 'grid cols-3' }, chartPanel('Requests and errors', 'd-requests'),
        chartPanel('Tokens in and out', 'd-tokens'), chartPanel('Cost (USD)', 'd-cost')),
      el('div', { class: 'section-title' }, 'Last 30 days'),
      el('div', { class: 'grid cols-3' },
        el('div', { class: 'panel' }, el('h3', {}, 'Top tokens'), top(byToken.rows, 'token', 'Token')),
        el('div', { class: 'panel' }, el('h3', {}, 'Top models'), top(byModel.rows, 'model', 'Model')),
        el('div', { class: 'panel', id: 'upstream-health' }, el('h3', {}, 'Upstream health'), health(ups.upstreams))));
    drawPeriod(root, 'h', 'hour', hourly.rows, 24);
    drawPeriod(root, 'd', 'day', daily.rows, 30);
  },
};

function top(rows, key, title) {
  const sorted = [...rows].sort((a, b) => Number(b.cost_usd) - Number(a.cost_usd) || b.requests - a.requests).slice(0, 6);
  return table([
    { title, cls: 'wrap', cell: (r) => r[key] || '(no token)' },
    { title: 'Reqs', num: true, cell: (r) => int(r.requests) },
    { title: 'Tokens', num: true, cell: (r) => compact(r.total_tokens) },
    { title: 'Cost', num: true, cell: (r) => usd(r.cost_usd) },
  ], sorted, 'No usage in the last 30 days.', 'compact');
}

function health(upstreams) {
  if (!upstreams.length) return el('p', { class: 'muted' }, 'No upstreams are configured.');
  return el('div', { class: 'health-list' }, upstreams.map((u) => {
    const resting = u.keys.filter((k) => k.state !== 'usable').length;
    return el('div', { class: 'health-item' },
      el('div', { class: 'name' }, el('b', {}, u.name),
        el('span', { class: 'muted' }, `${u.type} · ${u.in_flight} in flight · ${plural(u.recent_errors.length, 'recent error')}`)),
      el('div', { class: 'right' },
        el('span', { class: resting ? 'warn-text' : 'muted', title: 'keys usable' }, `${u.keys.length - resting}/${u.keys.length} keys`),
        stateBadge(u.state)));
  }));
}
