// Texts in the participant's language: a workshop text is shown in the phone's language when the board carries a current
// translation of it (marked "translated by an interpreter" or "machine translation", one tap to the original); a stale one
// (the original was amended since) shows the original with a notice. User texts get dir="auto" so mixed scripts stay readable.
import { el } from './api.js';
import { t } from './i18n.js';

const originals = new Set(); // texts whose original the participant asked to see: `${kind}:${sourceId}`

/** The board's translation of one text into `lang`, or null. */
export function translationOf(board, kind, sourceId, lang) {
  return (board?.translations ?? []).find(x => x.kind === kind && x.sourceId === sourceId && x.lang === lang) ?? null;
}

const textOf = translation => translation.sealed?.text ?? translation.text ?? '';

/**
 * What to show for one text: {text, lang, translation (current, shown), stale (a translation exists but the original changed)}.
 * `original` is {text, lang}; when it is already in `lang`, it is shown as it is.
 */
export function display(board, kind, sourceId, original, lang) {
  const translation = original?.lang === lang ? null : translationOf(board, kind, sourceId, lang);
  if (!translation || translation.sealed?.state === 'ERASED' || translation.sealed?.state === 'WITHHELD') {
    return { text: original?.text ?? '', lang: original?.lang, translation: null, stale: false };
  }
  if (translation.stale) return { text: original?.text ?? '', lang: original?.lang, translation: null, stale: true };
  if (originals.has(`${kind}:${sourceId}`)) return { text: original?.text ?? '', lang: original?.lang, translation, original: true };
  return { text: textOf(translation), lang: translation.lang, translation };
}

/**
 * A user text as an element: the text (dir="auto", its own lang), then the translation's mark and a button to switch to
 * the original and back, or the stale notice. `rerender` is called after a switch.
 */
export function textBlock(tag, board, kind, sourceId, original, lang, rerender, attrs = {}) {
  const shown = display(board, kind, sourceId, original, lang);
  const text = el(tag, { ...attrs, dir: 'auto', lang: shown.lang ?? null, 'data-translation': shown.translation && !shown.original ? shown.translation.translationId : null },
    shown.text);
  if (shown.stale) {
    return el('div', { class: 'translated' }, text, el('p', { class: 'translation-note stale', role: 'note' }, t('translation.stale',
      'The original was changed after it was translated; here is the original.')));
  }
  if (!shown.translation) return text;
  const key = `${kind}:${sourceId}`;
  const mark = shown.translation.origin === 'MACHINE' ? t('translation.machine', 'Machine translation') : t('translation.human', 'Translated by an interpreter');
  return el('div', { class: 'translated' }, text,
    el('p', { class: 'translation-note' },
      shown.original ? null : el('span', { class: 'translation-mark', 'data-origin': shown.translation.origin }, mark),
      shown.original ? null : ' · ',
      el('button', { type: 'button', class: 'link', onclick: () => { originals.has(key) ? originals.delete(key) : originals.add(key); rerender(); } },
        shown.original ? t('translation.show', 'Show the translation') : t('translation.original', 'Show the original'))));
}

/** The board's proposals with each text replaced by what the phone shows (for option labels). */
export function proposalsAsShown(board, lang) {
  return (board?.proposals ?? []).map(p => {
    if (!p.text?.text) return p;
    const shown = display(board, 'PROPOSAL', p.id, p.text, lang);
    return { ...p, text: { ...p.text, text: shown.text, lang: shown.lang } };
  });
}

/** What the phone displays for a round's options, sent with the ballot: the language and the translation of each option. */
export function readingOf(board, round, lang) {
  return {
    lang,
    options: round.options.map(o => {
      const proposal = (board?.proposals ?? []).find(p => p.id === o.proposalId);
      const shown = proposal?.text ? display(board, 'PROPOSAL', o.proposalId, proposal.text, lang) : display(board, 'ROUND_OPTION', o.optionId, { text: o.label }, lang);
      const translation = shown.original ? null : shown.translation;
      return { optionId: o.optionId, translationId: translation?.translationId ?? null, translationVersion: translation?.version ?? null };
    }),
  };
}
