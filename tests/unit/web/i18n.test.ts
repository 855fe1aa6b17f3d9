import { describe, expect, it } from 'vitest';
import { i18n } from '../../../web/src/i18n';
import en from '../../../web/src/i18n/en';
import lv from '../../../web/src/i18n/lv';

function leaves(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value as object, `${prefix}${key}.`),
  );
}

describe('UI text', () => {
  it('has the same keys in Latvian and English', () => {
    expect(leaves(lv).sort()).toEqual(leaves(en).sort());
  });

  it.each(['en', 'lv'] as const)('compiles every %s message (no stray { } @ | in the text)', (locale) => {
    const { t } = i18n.global;
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      for (const key of leaves(en)) {
        const text = t(key, { count: 3, n: 1, name: 'X', measure: 'M', measures: 'M', dimensions: 'D' }, { locale });
        expect(text, key).not.toBe(key);
        expect(text, key).not.toMatch(/[{}]/);
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([]);
  });

  it('writes Latvian with its diacritics', () => {
    expect(lv.nav.overview).toBe('Pārskats');
    expect(lv.measure.REINTEGRATION_RATE).toBe('Iekļaušanās īpatsvars');
    expect(leaves(lv).map((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], lv)).join(' ')).toMatch(/[āčēģīķļņšūž]/);
  });

  it('formats numbers and dates by locale', () => {
    const { n, d } = i18n.global;
    expect(n(3577, 'integer', 'en')).toBe('3,577');
    expect(n(12345, 'integer', 'lv')).toBe('12\u00a0345');
    expect(n(0.3, 'percent', 'en')).toBe('30%');
    expect(n(0.285, 'percent', 'lv')).toBe('28,5%');
    expect(d(new Date('2021-05-01T00:00:00Z'), 'short', 'en')).toBe('May 1, 2021');
  });
});
