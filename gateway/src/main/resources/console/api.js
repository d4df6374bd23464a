// Calls to /console/api/..., which Junction answers with its admin API for the signed-in session.
let csrf = null;
let signedOut = () => {};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function setCsrf(token) { csrf = token; }
export function onSignedOut(callback) { signedOut = callback; }

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function call(url, method, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf || '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (data.error && data.error.message) || response.statusText || 'request failed';
    if (response.status === 401 && url.startsWith('/console/api/')) signedOut(message);
    throw new ApiError(response.status, message);
  }
  return data;
}

export const api = {
  get: (path, params = {}) => call('/console/api/' + path + query(params), 'GET'),
  post: (path, body) => call('/console/api/' + path, 'POST', body),
  patch: (path, body) => call('/console/api/' + path, 'PATCH', body),
  del: (path) => call('/console/api/' + path, 'DELETE'),
  session: () => call('/console/api/session', 'GET'),
  login: (token) => call('/console/login', 'POST', { token }),
  logout: () => call('/console/logout', 'POST', {}),
};

/** Every usage record matching params, following cursors, up to max. */
export async function allRecords(params, max = 5000) {
  const out = [];
  let cursor = null;
  do {
    const page = await api.get('usage', { ...params, limit: 1000, cursor });
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}
