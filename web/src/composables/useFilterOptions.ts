import { computed } from 'vue';
import { FilterOptionsDocument } from '../api/documents';
import { useGraphQL } from './useGraphQL';
import { useApiLang } from './useLang';

/** The reference data filters choose from, named in the current language and sorted by name. */
export function useFilterOptions() {
  const lang = useApiLang();
  const remote = useGraphQL(FilterOptionsDocument, () => ({ lang: lang.value }), (r) => r);
  const collator = computed(() => new Intl.Collator(lang.value === 'LV' ? 'lv' : 'en'));
  const byName = <T extends { name: string }>(list: readonly T[] | undefined): T[] =>
    [...(list ?? [])].sort((a, b) => collator.value.compare(a.name, b.name));

  return {
    error: remote.error,
    programmes: computed(() => byName(remote.data.value?.programmes)),
    municipalities: computed(() => byName(remote.data.value?.municipalities)),
    planningRegions: computed(() => byName(remote.data.value?.planningRegions)),
    institutions: computed(() => byName(remote.data.value?.institutions)),
    targetGroups: computed(() => byName(remote.data.value?.targetGroups)),
  };
}
