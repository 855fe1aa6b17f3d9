import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { expandedScope } from '../auth/scope';
import type { Services } from '../context';
import { requirePreflightHeader } from '../http/preflight';
import { importFile } from './importer';
import { isImportKind, templateCsv, TEMPLATES } from './templates';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const RAW_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

const tooLarge = { error: 'PAYLOAD_TOO_LARGE', message: `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit; split it into smaller files.` };

/**
 * POST /api/import?kind=participation|consultation takes a file as multipart field `file` or as the raw
 * body; GET /api/import/template?kind=… downloads the template.
 */
export async function registerImportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

    scope.get('/api/import/template', async (request, reply) => {
      const { kind } = request.query as { kind?: string };
      if (!isImportKind(kind)) return reply.code(400).send({ error: 'BAD_REQUEST', message: 'kind must be participation or consultation', field: 'kind' });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="inclusion-monitor-${kind}-template.csv"`)
        .send(templateCsv(kind));
    });

    scope.post('/api/import', { bodyLimit: MAX_UPLOAD_BYTES, preHandler: requirePreflightHeader }, async (request, reply) => {
      const { kind } = request.query as { kind?: string };
      const viewer = request.viewer;
      if (viewer.role === 'PUBLIC') return reply.code(401).send({ error: 'UNAUTHENTICATED', message: 'Sign in to import data.' });
      if (viewer.role !== 'MANAGER' && viewer.role !== 'ADMIN') {
        return reply.code(403).send({ error: 'FORBIDDEN', message: `Your role (${viewer.role}) may not import data; it needs MANAGER or ADMIN.` });
      }
      if (!isImportKind(kind)) {
        return reply.code(400).send({ error: 'BAD_REQUEST', message: `kind must be participation or consultation (columns: ${TEMPLATES.participation.join(', ')} / ${TEMPLATES.consultation.join(', ')})`, field: 'kind' });
      }
      const upload = await readUpload(request);
      if ('error' in upload) return reply.code(upload.status).send(upload.error);
      const result = await importFile(services, {
        kind,
        bytes: upload.bytes,
        fileName: upload.fileName,
        by: {
          userId: viewer.userId ?? null,
          username: viewer.username ?? '',
          institutions: viewer.role === 'MANAGER' ? expandedScope(services.catalog, viewer) : undefined,
          ip: request.ip,
          requestId: request.id,
        },
      });
      const status = result.status === 'invalid_file' ? 400 : result.status === 'rejected' ? 422 : 200;
      return reply.code(status).send(result.status === 'invalid_file' ? { status: result.status, error: 'INVALID_FILE', message: result.message } : result);
    });
  });
}

type Upload = { bytes: Buffer; fileName: string } | { status: number; error: Record<string, string> };

async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') return { status: 400, error: { error: 'BAD_REQUEST', message: 'Send the file in a multipart field named "file".', field: 'file' } };
    const bytes = await part.toBuffer().catch(() => undefined);
    if (!bytes || part.file.truncated) return { status: 413, error: tooLarge };
    return { bytes, fileName: part.filename || 'upload' };
  }
  if (!Buffer.isBuffer(request.body)) {
    return { status: 415, error: { error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as multipart/form-data (field "file") or as a text/csv or XLSX request body.' } };
  }
  const name = request.headers['x-file-name'];
  return { bytes: request.body, fileName: typeof name === 'string' && name ? name.slice(0, 200) : 'upload' };
}
