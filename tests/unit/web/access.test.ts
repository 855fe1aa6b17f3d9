import { describe, expect, it } from 'vitest';
import { access, pageRoles, safeRedirect } from '../../../web/src/model/access';

describe('who may use which page', () => {
  it('offers each signed-in page to its roles only', () => {
    expect(access(null, pageRoles.import)).toBe('sign-in');
    expect(access({ role: 'PUBLIC' }, pageRoles.import)).toBe('sign-in');
    expect(access({ role: 'MANAGER' }, pageRoles.import)).toBe('allowed');
    expect(access({ role: 'ADMIN' }, pageRoles.import)).toBe('allowed');
    expect(access({ role: 'OFFICIAL' }, pageRoles.import)).toBe('forbidden');
    expect(access({ role: 'OFFICIAL' }, pageRoles.targets)).toBe('allowed');
    expect(access({ role: 'MANAGER' }, pageRoles.targets)).toBe('forbidden');
    expect(access({ role: 'ADMIN' }, pageRoles.audit)).toBe('allowed');
    expect(access({ role: 'OFFICIAL' }, pageRoles.audit)).toBe('forbidden');
    expect(access({ role: 'MANAGER' }, pageRoles.audit)).toBe('forbidden');
  });

  it('leaves public pages open to everybody', () => {
    expect(access(null, undefined)).toBe('allowed');
    expect(access(null, [])).toBe('allowed');
  });
});

describe('the page to return to after signing in', () => {
  it('keeps paths of this app, with their query and hash', () => {
    expect(safeRedirect('/import?lang=lv')).toBe('/import?lang=lv');
    expect(safeRedirect('/explorer?lang=en&dims=YEAR#table')).toBe('/explorer?lang=en&dims=YEAR#table');
    expect(safeRedirect(['/targets', '/audit'])).toBe('/targets');
  });

  it('never leaves the site and never loops back to the sign-in page', () => {
    for (const bad of [
      undefined,
      null,
      42,
      '',
      'import',
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '/\tevil',
      'javascript:alert(1)',
      '/login',
      '/login?redirect=/import',
    ]) {
      expect(safeRedirect(bad), String(bad)).toBe('/');
    }
    expect(safeRedirect('/loginhelp')).toBe('/loginhelp');
  });
});
