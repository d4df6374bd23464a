// The console's shell: sign-in, navigation between pages (#/name), refresh and sign-out.
import { api, setCsrf, onSignedOut } from './api.js';
import { disposeCharts } from './charts.js';
import { time } from './format.js';
import overview from './pages/overview.js';
import tokens from './pages/tokens.js';
import usage from './pages/usage.js';
import upstreams from './pages/upstreams.js';
import requests from './pages/requests.js';

const pages = { overview, tokens, usage, upstreams, requests };
const $ = (id) => document.getElementById(id);

function showLogin(message) {
  disposeCharts();
  setCsrf(null);
  $('shell').hidden = true;
  $('login').hidden = false;
  $('login-error').hidden = !message;
  $('login-error').textContent = message || '';
  $('login-token').value = '';
  $('login-token').focus();
}

function showShell() {
  $('login').hidden = true;
  $('shell').hidden = false;
  render();
}

function pageName() {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return pages[name] ? name : 'overview';
}

let rendering = 0;
async function render() {
  const name = pageName();
  const page = pages[name];
  const run = ++rendering;
  document.querySelectorAll('.sidebar a').forEach((a) => a.classList.toggle('active', a.dataset.page === name));
  $('page-title').textContent = page.title;
  document.title = page.title + ' · Junction console';
  $('page-error').hidden = true;
  disposeCharts();
  const container = document.createElement('div');
  container.className = 'page page-' + name;
  $('page').replaceChildren(container);
  try {
    await page.render(container, { refresh: render, error: showError });
    if (run === rendering) $('updated').textContent = 'Updated ' + time(new Date().toISOString()).slice(11);
  } catch (e) {
    if (e.status !== 401) showError(e.message);
  }
}

export function showError(message) {
  $('page-error').textContent = message;
  $('page-error').hidden = false;
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-submit').disabled = true;
  try {
    const session = await api.login($('login-token').value);
    setCsrf(session.csrf);
    showShell();
  } catch (e) {
    showLogin(e.message);
  } finally {
    $('login-submit').disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  try { await api.logout(); } catch (e) { /* signed out either way */ }
  showLogin('You are signed out.');
});

$('refresh').addEventListener('click', () => render());
window.addEventListener('hashchange', () => { if (!$('shell').hidden) render(); });
onSignedOut((message) => showLogin(message));

api.session().then((s) => { setCsrf(s.csrf); showShell(); }).catch(() => showLogin());
