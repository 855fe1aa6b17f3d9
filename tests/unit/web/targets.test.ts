import { describe, expect, it } from 'vitest';
import { checkTargetForm, emptyTargetForm, endOfDay, fieldOfError, parseNumber, targetKey } from '../../../web/src/model/targets';

describe('the target form', () => {
  it('asks for the required fields and a number before sending', () => {
    expect(checkTargetForm(emptyTargetForm())).toEqual({
      programme: 'required',
      measure: 'required',
      periodFrom: 'required',
      periodTo: 'required',
      target: 'required',
    });
    const filled = { ...emptyTargetForm(), programme: 'VERTE', measure: 'PARTICIPANTS' as const, periodFrom: '2024-01-01', periodTo: '2024-12-31', target: 'many' };
    expect(checkTargetForm(filled)).toEqual({ target: 'notNumber' });
    expect(checkTargetForm({ ...filled, target: '120' })).toEqual({});
    // The API, not the form, judges the order of dates and the range of a rate.
    expect(checkTargetForm({ ...filled, periodFrom: '2025-01-01', target: '-5' })).toEqual({});
  });

  it('reads numbers as people type them in either language', () => {
    expect(parseNumber('120')).toBe(120);
    expect(parseNumber(' 1 200 ')).toBe(1200);
    expect(parseNumber('0,3')).toBe(0.3);
    expect(parseNumber('0.3')).toBe(0.3);
    expect(parseNumber('-5')).toBe(-5);
    expect(parseNumber('1e3')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });

  it("puts the API's complaint next to the field it names", () => {
    expect(fieldOfError('input.periodFrom')).toBe('periodFrom');
    expect(fieldOfError('input.target')).toBe('target');
    expect(fieldOfError('input.region')).toBe('region');
    expect(fieldOfError('query.filter.regions[1]')).toBeNull();
    expect(fieldOfError(undefined)).toBeNull();
  });

  it('asks for the targets as they stood at the end of a chosen day', () => {
    expect(endOfDay('2025-03-01')).toBe('2025-03-01T23:59:59.999Z');
  });

  it('identifies a target by programme, measure, period and municipality', () => {
    const k = { programme: { code: 'DIVERSITY' }, measure: 'PARTICIPANTS', periodFrom: '2024-01-01', periodTo: '2024-12-31', region: null };
    expect(targetKey(k)).toBe('DIVERSITY|PARTICIPANTS|2024-01-01|2024-12-31|');
    expect(targetKey({ ...k, region: { code: '0031000' } })).toBe('DIVERSITY|PARTICIPANTS|2024-01-01|2024-12-31|0031000');
  });
});
