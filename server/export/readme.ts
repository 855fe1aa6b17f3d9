import type { Lang } from '../catalog/models';
import { DATA_FILE } from './datapackage';
import { metadataLines, type ExportMetadata } from './metadata';
import type { ExportTable } from './table';
import { HEADINGS, inLang, NOTICES } from './texts';

/** The README.md of the zip: the same metadata as the spreadsheet's, for people, in Markdown. */
export function readme(table: ExportTable, meta: ExportMetadata, lang: Lang): string {
  const h = (key: keyof typeof HEADINGS) => inLang(HEADINGS[key], lang);
  const cell = (text: string | number | null) => String(text ?? '').replaceAll('|', '\\|').replaceAll('\n', '<br>');
  const tableOf = (head: string[], rows: (string | number | null)[][]) =>
    [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  // The title, the synthetic-data warning, the citation and the licence head the README; the list holds the rest.
  const shownAbove = new Set(['title', 'citation', 'licence', 'licenceUrl']);
  const lines = metadataLines(meta, lang).filter((l) => !shownAbove.has(l.key));

  return [
    `# ${meta.title}`,
    ...(meta.synthetic ? [`> **${inLang(NOTICES.synthetic, lang)}**`] : []),
    `## ${h('citation')}`,
    meta.citation,
    `## ${h('licence')}`,
    `[${meta.licence.title} (${meta.licence.id})](${meta.licence.url})`,
    `## ${h('metadata')}`,
    lines.map((l) => `- **${l.heading}:** ${l.value.includes('\n') ? `\n  - ${l.value.split('\n').join('\n  - ')}` : l.value}`).join('\n'),
    `## ${h('sources')}`,
    meta.sources.length
      ? tableOf(
          [h('sourceId'), h('sourceQuote'), h('sourceFile'), h('sourceValue'), h('sourceInterpretation')],
          meta.sources.map((s) => [s.id, `„${s.quote}”`, s.source, s.value, s.interpretation]),
        )
      : h('none'),
    `## ${h('columns')} (${DATA_FILE})`,
    tableOf([h('column'), h('type'), h('title'), h('description')], table.columns.map((c) => [`\`${c.name}\``, c.type, c.title, c.description])),
    `## ${h('statusCodes')}`,
    tableOf(
      [h('column'), h('code'), h('meaning')],
      Object.entries(meta.statusCodes).flatMap(([column, codes]) => Object.entries(codes).map(([code, meaning]) => [column, `\`${code}\``, meaning])),
    ),
    '',
  ].join('\n\n');
}
