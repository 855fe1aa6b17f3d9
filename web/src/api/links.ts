import type { AggregateInput } from '../gql/graphql';
import { serializeView, type Locale, type ViewState } from '../model/view';

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The open-data export of exactly the rows a chart shows (same query, same suppression, same labels). */
export function exportUrl(query: AggregateInput, format: ExportFormat, lang: Locale): string {
  const params = new URLSearchParams({ format, query: JSON.stringify(query), lang });
  return `/api/export?${params}`;
}

/** A page that shows one chart alone, with the same view. */
export function embedPath(chart: string, view: ViewState): string {
  return `/embed/${encodeURIComponent(chart)}?${new URLSearchParams(serializeView(view))}`;
}
