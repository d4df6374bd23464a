// Formatting and small DOM helpers shared by the pages.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const intFormat = new Intl.NumberFormat('en-US');
export const plural = (n, one, many = one + 's') => `${int(n)} ${Number(n) === 1 ? one : many}`;
export const int = (n) => intFormat.format(Number(n || 0));

export function compact(n) {
  n = Number(n || 0);
  if (Math.abs(n) >= 1e9) return (n / 1e9).toFixed(1) + 'B';
  if (Math.abs(n) >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (Math.abs(n) >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return int(n);
}

export function usd(text) {
  const n = Number(text || 0);
  if (n === 0) return '$0.00';
  if (Math.abs(n) < 0.01) return '$' + n.toFixed(6).replace(/0+$/, '');
  return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function ms(n) {
  if (n === null || n === undefined) return '–';
  return n >= 10000 ? (n / 1000).toFixed(1) + ' s' : int(n) + ' ms';
}

const pad = (n) => String(n).padStart(2, '0');
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
export function date(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The UTC day of an instant: the days the admin API adds usage up by. */
export function utcDate(iso) {
  return iso ? new Date(iso).toISOString().slice(0, 10) : '–';
}

/** A value for an <input type="datetime-local"> from a Date, and back to ISO. */
export function localInput(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : '';
}

export function statusBadge(status) {
  const cls = status < 400 ? 'ok' : status === 429 || status < 500 ? 'warn' : 'bad';
  return el('span', { class: 'badge ' + cls, text: String(status) });
}

export function stateBadge(state) {
  const cls = { healthy: 'ok', usable: 'ok', active: 'ok', half_open: 'warn', resting: 'warn', cooling: 'bad',
    open: 'bad', revoked: 'bad', expired: 'neutral' }[state] || 'neutral';
  return el('span', { class: 'badge ' + cls, text: String(state).replace('_', ' ') });
}

export function table(columns, rows, emptyText = 'Nothing yet.', cls = '') {
  const head = el('tr', {}, columns.map((c) => el('th', { class: c.num ? 'num' : '' }, c.title)));
  const body = rows.length
    ? rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: (c.num ? 'num ' : '') + (c.cls || '') }, c.cell(r)))))
    : [el('tr', {}, el('td', { class: 'empty', colspan: String(columns.length) }, emptyText))];
  return el('div', { class: 'table-wrap' }, el('table', { class: cls }, el('thead', {}, head), el('tbody', {}, body)));
}

export function csv(columns, rows) {
  const quote = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [columns.map(quote).join(','), ...rows.map((r) => columns.map((c) => quote(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function download(name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
