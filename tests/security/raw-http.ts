import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given: fetch() would resolve "..", "%2e%2e" and friends before they left the client. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on its own connection, with the path and headers untouched by any URL normalisation. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: hostname, port, method: request.method ?? 'GET', path: request.path, headers: request.headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // A server that refuses a large body answers before reading it and closes: the rest of our write fails.
    req.on('error', (error) => answered || reject(error));
    req.end(request.body);
  });
}

/** The error code of an answer in either of the API's shapes: GraphQL's errors[0].extensions.code, or REST's error. */
export function errorCode(json: any): string | undefined {
  return json?.errors?.[0]?.extensions?.code ?? (typeof json?.error === 'string' ? json.error : undefined);
}

/** Every error message of an answer, one per line. */
export function errorMessages(json: any): string {
  return json?.errors ? json.errors.map((e: { message: string }) => e.message).join('\n') : String(json?.message ?? '');
}
