import { Users } from '../../server/auth/users';
import type { TestServer } from './server';

export type TestRole = 'MANAGER' | 'OFFICIAL' | 'ADMIN';

/** Adds a user straight into the test server's database (as the CLI does) and returns the password. */
export async function addUser(server: TestServer, username: string, role: TestRole, institutions: string[] = []): Promise<string> {
  const password = `pw-${username}-correct-horse`;
  await new Users(server.db).add({ username, password, role, institutions }, 'test');
  return password;
}

/** Signs in through the GraphQL mutation; returns the session cookie ("im_session=…") and the response. */
export async function signIn(baseUrl: string, username: string, password: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username role } }', variables: { u: username, p: password } }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, body: (await response.json()) as any, setCookie, cookie: setCookie.split(";")[0] };
}

/** POST a GraphQL operation with a cookie. */
export async function gqlAs(baseUrl: string, cookie: string | undefined, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** Uploads a file to the import endpoint as multipart/form-data. */
export async function upload(baseUrl: string, cookie: string | undefined, kind: string, content: string | Buffer, fileName = 'data.csv', headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) {
  const form = new FormData();
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), fileName);
  const response = await fetch(`${baseUrl}/api/import?kind=${kind}`, { method: 'POST', headers: { ...headers, ...(cookie ? { cookie } : {}) }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}
