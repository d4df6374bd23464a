// Usage: filter by token, model, upstream and time range; a chart and a table; CSV export.
import { api, allRecords } from '../api.js';
import { bucketsBetween, chart } from '../charts.js';
import { el, compact, csv, utcDate, download, fromLocalInput, int, localInput, plural, time, usd, table } from '../format.js';

const state = { token: '', model: '', upstream: '', since: '', until: '', by: 'none', per: 'day' };

function filterFields(tokens, upstreams, exports) {
  const select = (id, key, options) => el('select', { id, name: key },
    options.map(([v, label]) => el('option', { value: v, selected: v === state[key] }, label)));
  const field = (label, control) => el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
  return [el('div', { class: 'filters' },
    field('Token', select('usage-token', 'token', [['', 'All tokens'], ...tokens.map((t) => [t.name, t.name])])),
    field('Model', el('input', { id: 'usage-model', name: 'model', value: state.model, placeholder: 'all models' })),
    field('Upstream', select('usage-upstream', 'upstream', [['', 'All upstreams'], ...upstreams.map((u) => [u.name, u.name])])),
    field('From', el('input', { id: 'usage-since', name: 'since', type: 'datetime-local', value: state.since })),
    field('To', el('input', { id: 'usage-until', name: 'until', type: 'datetime-local', value: state.until }))),
  el('div', { class: 'filters' },
    field('Group by', select('usage-by', 'by', [['none', 'Nothing'], ['token', 'Token'], ['model', 'Model'], ['upstream', 'Upstream']])),
    field('Per', select('usage-per', 'per', [['hour', 'Hour'], ['day', 'Day']])),
    el('button', { type: 'submit', class: 'primary' }, 'Apply'),
    el('div', { class: 'push' },
      el('button', { type: 'button', id: 'usage-csv', onclick: exports.records }, 'Export records (CSV)'),
      el('button', { type: 'button', id: 'usage-summary-csv', onclick: exports.summary }, 'Export table (CSV)')))];
}

function params() {
  return { token: state.token, model: state.model, upstream: state.upstream,
    since: fromLocalInput(state.since), until: fromLocalInput(state.until) };
}

export default {
  title: 'Usage',
  async render(root, ctx) {
    if (!state.since) {
      const now = new Date();
      state.since = localInput(new Date(now.getTime() - 30 * 86400_000));
    }
    const [tokens, ups] = await Promise.all([api.get('tokens'), api.get('upstreams')]);
    const form = el('form', { class: 'panel', id: 'usage-filters' }, filterFields(tokens.data, ups.upstreams,
      { records: () => exportRecords(), summary: () => exportSummary() }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const key of Object.keys(state)) state[key] = form.elements[key].value.trim();
      ctx.refresh();
    });
    const summary = await api.get('usage/summary', { ...params(), by: state.by, per: state.per });
    const rows = summary.rows;
    const key = state.by === 'none' ? null : state.by;

    const chartNode = el('div', { class: 'chart tall', id: 'usage-chart' });
    const t = summary.totals;
    root.append(form,
      el('div', { class: 'panel' },
        el('div', { class: 'toolbar' }, el('h3', {}, `Cost per ${state.per}` + (key ? ` by ${key}` : '')),
          el('span', { class: 'muted' }, `${plural(t.requests, 'request')} · ${plural(t.errors, 'error')} · ${compact(t.prompt_tokens)} tokens in · `
            + `${compact(t.output_tokens + t.thought_tokens)} out · ${usd(t.cost_usd)}`)),
        chartNode),
      el('div', { class: 'panel' }, table([
        { title: state.per === 'hour' ? 'Hour' : 'Day (UTC)', cell: (r) => state.per === 'hour' ? time(r.period).slice(0, 16) : utcDate(r.period) },
        ...(key ? [{ title: key[0].toUpperCase() + key.slice(1), cell: (r) => r[key] || '(none)' }] : []),
        { title: 'Requests', num: true, cell: (r) => int(r.requests) },
        { title: 'Errors', num: true, cell: (r) => int(r.errors) },
        { title: 'Tokens in', num: true, cell: (r) => int(r.prompt_tokens) },
        { title: 'Cached', num: true, cell: (r) => int(r.cached_tokens) },
        { title: 'Tokens out', num: true, cell: (r) => int(r.output_tokens) },
        { title: 'Thinking', num: true, cell: (r) => int(r.thought_tokens) },
        { title: 'Cost', num: true, cell: (r) => usd(r.cost_usd) },
      ], [...rows].reverse(), 'No usage matches these filters.')));

    const until = state.until ? Date.parse(fromLocalInput(state.until)) : Date.now();
    const since = state.since ? Date.parse(fromLocalInput(state.since)) : until - 86400_000;
    const periods = bucketsBetween(state.per, since, until);
    const labels = periods.map((p) => state.per === 'hour' ? time(new Date(p).toISOString()).slice(5, 16)
      : utcDate(new Date(p).toISOString()).slice(5));
    const costAt = (p, k) => rows.filter((r) => Date.parse(r.period) === p && (!key || r[key] === k))
      .reduce((s, r) => s + Number(r.cost_usd), 0);

    if (key) {
      const keys = [...new Set(rows.map((r) => r[key]))].slice(0, 8);
      chart(chartNode, labels, keys.map((k) => ({ name: k || '(none)', data: periods.map((p) => costAt(p, k)), stack: 'c', money: true })));
    } else {
      chart(chartNode, labels, [{ name: 'Cost', data: periods.map((p) => costAt(p)), money: true }]);
    }

    function exportSummary() {
      const cols = ['period', ...(key ? [key] : []), 'requests', 'errors', 'prompt_tokens', 'cached_tokens',
        'output_tokens', 'thought_tokens', 'total_tokens', 'cost_usd'];
      download(`junction-usage-summary-${state.per}.csv`, csv(cols, rows));
    }

    async function exportRecords() {
      try {
        const records = await allRecords(params(), 100000);
        const cols = ['time', 'request_id', 'token', 'model', 'upstream_model', 'upstream', 'protocol', 'endpoint', 'stream',
          'status', 'error_kind', 'prompt_tokens', 'cached_tokens', 'output_tokens', 'thought_tokens', 'estimated',
          'cost_usd', 'latency_ms', 'first_byte_ms', 'client_gone'];
        download('junction-usage.csv', csv(cols, records));
      } catch (e) { ctx.error(e.message); }
    }
  },
};
