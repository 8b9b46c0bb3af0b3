// HTTP to the service: JSON in and out, the bearer token, problems as errors carrying `code`, `status` and a localized title.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem;
  }
}

export const store = {
  get: (key, fallback = null) => { try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; } },
  set: (key, value) => localStorage.setItem(key, JSON.stringify(value)),
  remove: key => localStorage.removeItem(key),
};

export function language() { return store.get('epi.lang') ?? 'en'; }

export async function api(path, { method = 'GET', body, token, headers = {}, raw = false } = {}) {
  const init = { method, headers: { 'Accept-Language': language(), ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** The staff session (facilitator, coordinator, auditor, admin) kept in this browser. */
export const staff = {
  get: () => { const s = store.get('epi.staff'); return s && new Date(s.expiresAt) > new Date() ? s : null; },
  async login(username, password) {
    const s = await api('/api/auth/login', { method: 'POST', body: { username, password } });
    store.set('epi.staff', s);
    return s;
  },
  logout: () => store.remove('epi.staff'),
};

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false)
    node.append(child instanceof Node ? child : String(child));
  return node;
}

export function params() { return new URLSearchParams(location.search); }

/** Text of a list of {lang, text} in the wanted language, else the first. */
export function localized(texts, lang) {
  if (!texts) return '';
  if (!Array.isArray(texts)) return texts.text ?? '';
  return (texts.find(t => t.lang === lang) ?? texts[0])?.text ?? '';
}
