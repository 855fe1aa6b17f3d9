import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { send } from './error-responses';

/*
 * Requests refused before any route or hook can run, answered in the API's own shape ({error: CODE,
 * message}) instead of Fastify's ({error: "Bad Request", statusCode}), so every refusal carries a code.
 */

/** A URL Fastify cannot decode (e.g. "%ZZ" or overlong UTF-8 such as "%c0%ae"). */
export function frameworkErrors(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void send(request, reply, 400, 'BAD_REQUEST', 'The path is not a valid URL.');
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', `The request line and headers exceed ${http.maxHeaderSize / 1024} KB; send long export queries by POST /graphql instead.`],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request was not received in time.'],
};

/** What Node's HTTP parser refuses (oversized headers, garbage): one JSON answer, then the connection is closed. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
