// UI texts in eight languages from GET /api/messages/{lang}; elements with data-i18n get their text from it.
import { api, language, store } from './api.js';

export const languages = { en: 'English', es: 'Español', ro: 'Română', de: 'Deutsch', sv: 'Svenska', pl: 'Polski', it: 'Italiano', lv: 'Latviešu' };
const rtl = new Set(['ar', 'fa', 'he', 'ur']);
let texts = {};

export const t = (key, fallback = key) => texts[key] ?? fallback;

export async function loadTexts(lang = language()) {
  try { texts = await api(`/api/messages/${lang}`); } catch { texts = {}; }
  store.set('epi.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = rtl.has(lang) ? 'rtl' : 'ltr';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n, node.textContent);
  return texts;
}

/** A labelled language picker; `onChange` runs after the texts of the new language are loaded. */
export function languagePicker(select, onChange) {
  select.replaceChildren(...Object.entries(languages).map(([code, name]) => new Option(name, code, false, code === language())));
  select.addEventListener('change', async () => { await loadTexts(select.value); onChange?.(select.value); });
}
