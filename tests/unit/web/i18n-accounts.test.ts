import { describe, expect, it } from 'vitest';
import { i18n } from '../../../web/src/i18n';
import { loadAccountMessages } from '../../../web/src/i18n/accounts';
import en from '../../../web/src/i18n/accounts/en';
import lv from '../../../web/src/i18n/accounts/lv';
import mainEn from '../../../web/src/i18n/en';

function leaves(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value as object, `${prefix}${key}.`),
  );
}

const text = (messages: object, key: string) => key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) as string;

/* The text of the signed-in pages, loaded with them: same checks as the main text. */
describe('UI text of the signed-in pages', () => {
  it('has the same keys in Latvian and English, none shared with the main text', () => {
    expect(leaves(lv).sort()).toEqual(leaves(en).sort());
    const main = new Set(Object.keys(mainEn));
    expect(Object.keys(en).filter((k) => main.has(k))).toEqual([]);
  });

  it.each(['en', 'lv'] as const)('compiles every %s message once loaded', async (locale) => {
    await loadAccountMessages();
    const { t } = i18n.global;
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      for (const key of leaves(en)) {
        const out = t(key, { count: 3, n: 1, name: 'X', role: 'R', roles: 'R', file: 'f.csv', dataset: 'd', rows: 2, message: 'm' }, { locale });
        expect(out, key).not.toBe(key);
        expect(out, key).not.toMatch(/[{}]/);
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([]);
  });

  it('writes Latvian with its diacritics', () => {
    expect(lv.login.title).toBe('Pieteikties');
    expect(lv.audit.title).toBe('Audita žurnāls');
    expect(lv.targets.title).toBe('Mērķi');
    for (const key of leaves(lv)) {
      // A Latvian sentence without a single long vowel or softened consonant is most likely English or transliterated.
      const value = text(lv, key);
      if (value.length > 60) expect(value, key).toMatch(/[āčēģīķļņšūž]/i);
    }
  });
});
