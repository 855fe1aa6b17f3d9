import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, answersGeneration, invalidateAnswers, request, send } from '../../../web/src/api/client';
import { DatasetsDocument, SetKpiTargetDocument } from '../../../web/src/api/documents';

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  invalidateAnswers();
});

describe('the GraphQL client', () => {
  it('keeps answers until they are invalidated (sign-in, sign-out, new data), then asks again', async () => {
    const fetch = answer(200, { data: { datasets: [] } });
    vi.stubGlobal('fetch', fetch);
    await request(DatasetsDocument, {});
    await request(DatasetsDocument, {});
    expect(fetch).toHaveBeenCalledTimes(1);
    const before = answersGeneration.value;
    invalidateAnswers();
    expect(answersGeneration.value).toBe(before + 1);
    await request(DatasetsDocument, {});
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never keeps what `send` asked for', async () => {
    const fetch = answer(200, { data: { datasets: [] } });
    vi.stubGlobal('fetch', fetch);
    await send(DatasetsDocument, {});
    await send(DatasetsDocument, {});
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("raises the API's error with its code and field", async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        errors: [{ message: 'input.periodFrom: periodFrom (2025-01-01) is after periodTo (2024-01-01)', extensions: { code: 'BAD_USER_INPUT', field: 'input.periodFrom' } }],
      }),
    );
    const input = { programme: 'DIVERSITY', measure: 'PARTICIPANTS' as const, periodFrom: '2025-01-01', periodTo: '2024-01-01', target: 1 };
    const error = await send(SetKpiTargetDocument, { input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', field: 'input.periodFrom' });
  });

  it('reports an answer that is not JSON by its HTTP status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(send(DatasetsDocument, {})).rejects.toMatchObject({ status: 502, message: 'HTTP 502 Bad Gateway' });
  });
});
