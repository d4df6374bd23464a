// Requests: the most recent requests from the usage records, with filters.
import { api } from '../api.js';
import { el, int, ms, time, usd, statusBadge, table } from '../format.js';

const state = { token: '', model: '', upstream: '', outcome: '' };

export default {
  title: 'Requests',
  async render(root, ctx) {
    const [tokens, ups] = await Promise.all([api.get('tokens'), api.get('upstreams')]);
    const select = (id, key, options) => el('select', { id, name: key },
      options.map(([v, label]) => el('option', { value: v, selected: v === state[key] }, label)));
    const field = (label, control) => el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
    const form = el('form', { class: 'panel filters', id: 'request-filters' },
      field('Token', select('requests-token', 'token', [['', 'All tokens'], ...tokens.data.map((t) => [t.name, t.name])])),
      field('Model', el('input', { id: 'requests-model', name: 'model', value: state.model, placeholder: 'all models' })),
      field('Upstream', select('requests-upstream', 'upstream', [['', 'All upstreams'], ...ups.upstreams.map((u) => [u.name, u.name])])),
      field('Outcome', select('requests-outcome', 'outcome', [['', 'All'], ['ok', 'Succeeded'], ['error', 'Failed']])),
      el('button', { type: 'submit', class: 'primary' }, 'Apply'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const key of Object.keys(state)) state[key] = form.elements[key].value.trim();
      ctx.refresh();
    });

    const since = new Date(Date.now() - 30 * 86400_000).toISOString();
    const params = { token: state.token, model: state.model, upstream: state.upstream, outcome: state.outcome, since, limit: 100 };
    const tableSlot = el('div');
    const more = el('button', { id: 'requests-more', hidden: true }, 'Show older');
    const shown = [];
    let cursor = null;
    const columns = [
      { title: 'Time', cell: (r) => el('span', { title: 'Request ' + r.request_id }, time(r.time)) },
      { title: 'Status', cell: (r) => statusBadge(r.status) },
      { title: 'Token', cell: (r) => r.token || el('span', { class: 'muted' }, 'none') },
      { title: 'Model', cell: (r) => r.model || '–' },
      { title: 'Upstream', cell: (r) => r.upstream || '–' },
      { title: 'Latency', num: true, cell: (r) => ms(r.latency_ms) },
      { title: 'First byte', num: true, cell: (r) => ms(r.first_byte_ms) },
      { title: 'In', num: true, cell: (r) => int(r.prompt_tokens) },
      { title: 'Out', num: true, cell: (r) => int(r.output_tokens + r.thought_tokens) },
      { title: 'Cost', num: true, cell: (r) => usd(r.cost_usd) },
      { title: 'Error', cell: (r) => r.error_kind ? el('span', { class: 'error' }, r.error_kind.toLowerCase().replace(/_/g, ' ')) : '' },
    ];
    const load = async () => {
      const page = await api.get('usage', { ...params, cursor });
      shown.push(...page.data);
      cursor = page.next_cursor;
      more.hidden = !cursor;
      tableSlot.replaceChildren(table(columns, shown, 'No requests match these filters in the last 30 days.'));
    };
    more.addEventListener('click', () => load().catch((e) => ctx.error(e.message)));
    root.append(form, el('div', { class: 'panel', id: 'requests-table' }, tableSlot,
      el('div', { class: 'form-actions' }, more)));
    await load();
  },
};
