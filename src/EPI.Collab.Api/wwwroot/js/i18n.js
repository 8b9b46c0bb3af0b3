// UI texts from GET /api/messages/{lang}; elements with data-i18n get their text from it. The page's direction follows the
// language: Arabic, Persian and the other right-to-left languages turn the whole document (dir="rtl" on <html>).
import { api, language, store } from './api.js';

export const languages = {
  en: 'English', es: 'Español', ro: 'Română', de: 'Deutsch', sv: 'Svenska', pl: 'Polski', it: 'Italiano', lv: 'Latviešu',
  ar: 'العربية', uk: 'Українська', ru: 'Русский', tr: 'Türkçe', fa: 'فارسی', so: 'Soomaali', sq: 'Shqip', ti: 'ትግርኛ', hu: 'Magyar',
};
const rtl = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'ckb', 'he', 'yi', 'dv', 'ug', 'sd']);
let texts = {};

export const t = (key, fallback = key) => texts[key] ?? fallback;
export const isRightToLeft = lang => rtl.has(lang);

export async function loadTexts(lang = language()) {
  if (!languages[lang]) lang = 'en';
  try { texts = await api(`/api/messages/${lang}`); } catch { texts = {}; }
  store.set('epi.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = rtl.has(lang) ? 'rtl' : 'ltr';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n, node.textContent);
  return texts;
}

/** A labelled language picker; `onChange` runs after the texts of the new language are loaded. */
export function languagePicker(select, onChange) {
  select.replaceChildren(...Object.entries(languages).map(([code, name]) => {
    const option = new Option(name, code, false, code === language());
    option.lang = code;
    option.dir = rtl.has(code) ? 'rtl' : 'ltr';
    return option;
  }));
  select.addEventListener('change', async () => { await loadTexts(select.value); onChange?.(select.value); });
}
