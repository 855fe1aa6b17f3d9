import { buffer } from 'node:stream/consumers';
import yazl from 'yazl';
import type { Lang } from '../catalog/models';
import { csvStream } from './csv';
import { dataPackage, DATA_FILE } from './datapackage';
import type { ExportMetadata } from './metadata';
import { readme } from './readme';
import type { ExportTable } from './table';

/** data.csv (byte for byte the CSV export), datapackage.json describing it, and a README with the citation. */
export async function zipStream(table: ExportTable, meta: ExportMetadata, lang: Lang): Promise<NodeJS.ReadableStream> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(meta.generatedAt);
  zip.addBuffer(await buffer(csvStream(table)), DATA_FILE, { mtime });
  zip.addBuffer(Buffer.from(`${JSON.stringify(dataPackage(table, meta), null, 2)}\n`), 'datapackage.json', { mtime });
  zip.addBuffer(Buffer.from(readme(table, meta, lang)), 'README.md', { mtime });
  zip.end();
  return zip.outputStream;
}
