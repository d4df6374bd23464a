// Upstreams: each upstream and its keys (masked), state, cooldown, recent errors, calls in flight.
import { api } from '../api.js';
import { el, int, time, stateBadge, table } from '../format.js';

export default {
  title: 'Upstreams',
  async render(root, ctx) {
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const [{ upstreams }, lastHour] = await Promise.all([api.get('upstreams'),
      api.get('usage/summary', { by: 'upstream', since: hourAgo })]);
    const traffic = new Map(lastHour.rows.map((r) => [r.upstream, r]));
    if (!upstreams.length) {
      root.append(el('div', { class: 'panel empty' }, 'No upstreams are configured.'));
      return;
    }
    for (const u of upstreams) {
      const reset = async () => {
        try {
          await api.post('upstreams/' + encodeURIComponent(u.name) + '/reset', {});
          await ctx.refresh();
        } catch (e) { ctx.error(e.message); }
      };
      const usable = u.keys.filter((k) => k.state === 'usable').length;
      const hour = traffic.get(u.name) || { requests: 0, errors: 0 };
      const rate = hour.requests ? (100 * hour.errors / hour.requests).toFixed(1) + '%' : '–';
      root.append(el('div', { class: 'panel upstream', 'data-upstream': u.name },
        el('div', { class: 'upstream-head' }, el('h3', {}, u.name), stateBadge(u.state),
          el('span', { class: 'muted' }, u.type), el('span', { style: 'flex:1' }),
          u.state !== 'healthy' || usable < u.keys.length
            ? el('button', { class: 'small', onclick: reset, title: 'End its cooldown and its keys\' rests now' },
              'Restore now') : null),
        el('div', { class: 'meta' },
          el('span', {}, 'In flight ', el('b', {}, int(u.in_flight))),
          el('span', {}, 'Requests (1 h) ', el('b', {}, int(hour.requests))),
          el('span', {}, 'Error rate (1 h) ', el('b', { class: hour.errors ? 'error' : '' }, rate)),
          el('span', {}, 'Keys usable ', el('b', {}, `${usable} of ${u.keys.length}`)),
          el('span', {}, 'Recent errors ', el('b', {}, int(u.recent_errors.length))),
          el('span', {}, 'Cooldown until ', el('b', {}, u.cooldown_until ? time(u.cooldown_until) : '–')),
          el('span', {}, 'Priority ', el('b', {}, String(u.priority))),
          el('span', {}, 'Weight ', el('b', {}, String(u.weight))),
          el('span', {}, 'Models ', el('b', {}, (u.models || []).join(', ') || 'any'))),
        el('div', { class: 'grid cols-2' },
          el('div', {}, el('div', { class: 'section-title' }, 'Keys'), table([
            { title: 'Key', cell: (k) => el('code', {}, k.key) },
            { title: 'State', cell: (k) => stateBadge(k.state) },
            { title: 'Resting until', cell: (k) => k.resting_until ? time(k.resting_until) : '–' },
            { title: 'Reason', cls: 'wrap', cell: (k) => k.reason || '–' },
          ], u.keys, 'No keys (credentials come from the environment).')),
          el('div', {}, el('div', { class: 'section-title' }, 'Recent errors'), table([
            { title: 'At', cell: (e) => time(e.at) },
            { title: 'Kind', cell: (e) => e.kind },
            { title: 'Message', cls: 'wrap', cell: (e) => e.message },
          ], [...u.recent_errors].reverse().slice(0, 8), 'No recent errors.')))));
    }
  },
};
