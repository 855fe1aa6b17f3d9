import { i18n } from '..';

let loaded: Promise<void> | null = null;

/** Adds the text of the signed-in pages to both languages (once); their routes wait for it. */
export function loadAccountMessages(): Promise<void> {
  loaded ??= Promise.all([import('./en'), import('./lv')]).then(([en, lv]) => {
    i18n.global.mergeLocaleMessage('en', en.default);
    i18n.global.mergeLocaleMessage('lv', lv.default);
  });
  return loaded;
}
