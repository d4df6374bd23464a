// Tokens: spend against budget, create (the secret shown once), edit limits, revoke.
import { api } from '../api.js';
import { el, date, int, plural, usd, stateBadge, table } from '../format.js';

const FIELDS = [
  { key: 'name', label: 'Name', placeholder: 'team-a', createOnly: true },
  { key: 'models', label: 'Models (comma-separated, * allowed)', placeholder: 'any model', list: true },
  { key: 'cidrs', label: 'Client CIDRs (comma-separated)', placeholder: 'any address', list: true },
  { key: 'expires_at', label: 'Expires', type: 'date' },
  { key: 'rpm', label: 'Requests per minute', type: 'number', int: true },
  { key: 'tpm', label: 'Tokens per minute', type: 'number', int: true },
  { key: 'max_concurrent', label: 'Concurrent requests', type: 'number', int: true },
  { key: 'budget_usd', label: 'Budget (USD)', placeholder: 'no budget' },
  { key: 'budget_period', label: 'Budget period', options: ['', 'daily', 'weekly', 'monthly'] },
];

function input(f, token) {
  const id = 'token-' + f.key.replace('_', '-');
  let value = token ? token[f.key] : '';
  if (f.list) value = (value || []).join(', ');
  if (f.type === 'date' && value) value = value.slice(0, 10);
  const control = f.options
    ? el('select', { id, name: f.key }, f.options.map((o) => el('option', { value: o, selected: o === (value || '') }, o || 'none')))
    : el('input', { id, name: f.key, type: f.type || 'text', placeholder: f.placeholder || 'no limit', value: value ?? '',
      min: f.int ? '1' : undefined, disabled: token && f.createOnly });
  return el('div', { class: 'field' }, el('label', { for: id }, f.label), control);
}

function read(form, token) {
  const body = {};
  for (const f of FIELDS) {
    if (token && f.createOnly) continue;
    const raw = form.elements[f.key].value.trim();
    let value;
    if (f.list) value = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
    else if (f.int) value = raw ? Number(raw) : null;
    else value = raw || null;
    if (!token && value === null) continue;
    body[f.key] = value;
  }
  return body;
}

function budgetCell(t) {
  if (!t.budget_usd) return el('span', { class: 'muted' }, (t.spent_usd ? usd(t.spent_usd) + ' · ' : '') + 'no budget');
  const spent = Number(t.spent_usd || 0);
  const budget = Number(t.budget_usd);
  const share = budget > 0 ? Math.min(1, spent / budget) : 1;
  const cls = share >= 1 ? 'bad' : share >= 0.8 ? 'warn' : '';
  return el('span', {}, el('span', { class: 'bar ' + cls }, el('span', { style: `width:${(share * 100).toFixed(1)}%` })),
    `${usd(t.spent_usd)} of ${usd(t.budget_usd)}`, el('span', { class: 'muted' }, ' ' + (t.budget_period || '')));
}

// A token just created: its secret is shown once, on the page drawn after the creation.
let pendingSecret = null;

const limit = (v) => (v === null || v === undefined ? '–' : int(v));

export default {
  title: 'Tokens',
  async render(root, ctx) {
    const { data } = await api.get('tokens');
    const formSlot = el('div');
    const secretSlot = el('div');

    const openForm = (token) => {
      const form = el('form', { class: 'panel', id: 'token-form' },
        el('h3', {}, token ? `Edit ${token.name}` : 'New token'),
        el('div', { class: 'form-grid' }, FIELDS.map((f) => input(f, token))),
        el('p', { class: 'error', id: 'token-form-error', hidden: true }),
        el('div', { class: 'form-actions' },
          el('button', { type: 'submit', class: 'primary', id: 'token-save' }, token ? 'Save changes' : 'Create token'),
          el('button', { type: 'button', onclick: () => formSlot.replaceChildren() }, 'Cancel')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const error = form.querySelector('#token-form-error');
        try {
          if (token) {
            await api.patch('tokens/' + encodeURIComponent(token.name), read(form, token));
            await ctx.refresh();
          } else {
            pendingSecret = await api.post('tokens', read(form, null));
            await ctx.refresh();
          }
        } catch (e) {
          error.textContent = e.message;
          error.hidden = false;
        }
      });
      formSlot.replaceChildren(form);
      form.querySelector('input:not([disabled])').focus();
    };

    const revoke = async (t) => {
      if (!confirm(`Revoke ${t.name}? Clients using it are refused at once.`)) return;
      try {
        await api.del('tokens/' + encodeURIComponent(t.name));
        await ctx.refresh();
      } catch (e) { ctx.error(e.message); }
    };

    const active = data.filter((t) => t.status === 'active').length;
    root.append(
      el('div', { class: 'toolbar' },
        el('span', { class: 'muted' }, `${plural(data.length, 'token')}, ${active} active`),
        el('button', { class: 'primary', id: 'new-token', onclick: () => openForm(null) }, 'New token')),
      secretSlot, formSlot,
      el('div', { class: 'panel' }, table([
        { title: 'Name', cell: (t) => el('b', {}, t.name) },
        { title: 'Status', cell: (t) => stateBadge(t.status) },
        { title: 'Secret', cell: (t) => el('code', {}, t.secret_hint) },
        { title: 'Models', cls: 'wrap', cell: (t) => t.models.length ? t.models.join(', ') : el('span', { class: 'muted' }, 'any') },
        { title: 'RPM', num: true, cell: (t) => limit(t.rpm) },
        { title: 'TPM', num: true, cell: (t) => limit(t.tpm) },
        { title: 'Conc.', num: true, cell: (t) => limit(t.max_concurrent) },
        { title: 'Spend / budget', cell: budgetCell },
        { title: 'Expires', cell: (t) => t.expires_at ? date(t.expires_at) : el('span', { class: 'muted' }, 'never') },
        { title: 'Created', cell: (t) => date(t.created_at) },
        { title: '', cell: (t) => t.status === 'revoked' ? '' : el('div', { class: 'actions' },
          el('button', { class: 'small', 'data-edit': t.name, onclick: () => openForm(t) }, 'Edit'),
          el('button', { class: 'small danger', 'data-revoke': t.name, onclick: () => revoke(t) }, 'Revoke')) },
      ], data, 'No tokens yet: create one.')));
    if (pendingSecret) {
      showSecret(pendingSecret);
      pendingSecret = null;
    }

    function showSecret(created) {
      const slot = secretSlot;
      const code = el('code', { id: 'new-secret' }, created.secret);
      const copied = el('span', { class: 'muted', id: 'copy-state' });
      const copy = async () => {
        try {
          await navigator.clipboard.writeText(created.secret);
        } catch (e) {
          const range = document.createRange();
          range.selectNodeContents(code);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          document.execCommand('copy');
        }
        copied.textContent = 'Copied';
      };
      slot.replaceChildren(el('div', { class: 'panel secret', id: 'secret-panel' },
        el('h3', {}, `Token ${created.token.name} created`),
        el('div', {}, 'Copy the secret now: it is shown only this once (Junction keeps only its hash).'),
        el('div', { class: 'secret-row' }, code,
          el('button', { class: 'primary', id: 'copy-secret', onclick: copy }, 'Copy'),
          el('button', { onclick: () => slot.replaceChildren() }, 'Done'), copied)));
    }
  },
};
