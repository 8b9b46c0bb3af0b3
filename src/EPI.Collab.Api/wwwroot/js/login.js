// Staff sign-in for the console, auditor and city pages (POST /api/auth/login; the token stays in this browser).
import { el, staff } from './api.js';
import { t } from './i18n.js';

export function requireStaff(container, onReady) {
  const session = staff.get();
  if (session) { onReady(session); return; }
  const user = el('input', { id: 'username', autocomplete: 'username', required: true });
  const pass = el('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'error', role: 'alert' });
  container.replaceChildren(el('form', { id: 'login-form', onsubmit: async e => {
    e.preventDefault();
    try { onReady(await staff.login(user.value, pass.value)); } catch (err) { error.textContent = err.message; }
  } }, el('h2', {}, t('ui.sign-in', 'Sign in')),
    el('label', { for: 'username' }, t('ui.username', 'User name')), user,
    el('label', { for: 'password' }, t('ui.password', 'Password')), pass,
    el('button', { type: 'submit', class: 'primary' }, t('ui.sign-in', 'Sign in')), error));
}

export function signOutButton() {
  return el('button', { type: 'button', onclick: () => { staff.logout(); location.reload(); } }, t('ui.sign-out', 'Sign out'));
}
