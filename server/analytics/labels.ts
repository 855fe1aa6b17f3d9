import type { Catalog } from '../catalog/catalog';
import { nameIn, type DatasetModel, type Lang } from '../catalog/models';
import type { Dimension } from '../schema/generated/resolvers-types';
import { DIMENSIONS } from './model';
import { timeLabel } from './periods';

/** The label of a dimension code in the asked language, from wherever that dimension's labels live. */
export function labelOf(dimension: Dimension, code: string, lang: Lang, catalog: Catalog, datasets: DatasetModel[]): string {
  const source = DIMENSIONS[dimension].labels;
  const named = (item: { nameLv: string; nameEn: string } | undefined) => (item ? nameIn(item, lang) : code);
  switch (source.kind) {
    case 'time':
      return timeLabel(code, lang);
    case 'region':
      return named(catalog.regions.get(code));
    case 'planningRegion':
      return named(catalog.planningRegions.get(code));
    case 'institution':
      return named(catalog.institutions.get(code));
    case 'programme':
      return named(catalog.programmes.get(code));
    case 'targetGroup':
      return named(catalog.targetGroups.get(code));
    case 'dataset':
      return datasets.find((d) => d.id === code)?.description ?? code;
    case 'enum': {
      const value = source.values[code];
      return value ? (lang === 'LV' ? value.lv : value.en) : code;
    }
  }
}
