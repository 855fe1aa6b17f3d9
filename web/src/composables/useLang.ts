import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Lang } from '../gql/graphql';

/** The API's language argument for the UI's current locale: labels of codes come from the API. */
export function useApiLang() {
  const { locale } = useI18n();
  return computed<Lang>(() => (locale.value === 'lv' ? 'LV' : 'EN'));
}
