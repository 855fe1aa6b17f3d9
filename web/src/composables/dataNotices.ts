import { computed, reactive } from 'vue';

/*
 * Every aggregate on screen reports whether demo data contributed and how fresh its data is, so the
 * layout can show the synthetic-data banner exactly when something shown is synthetic.
 */
interface Notice {
  synthetic: boolean;
  dataAsOf: string | null;
}

const shown = reactive(new Map<symbol, Notice>());

export function reportNotice(owner: symbol, notice: Notice | null): void {
  if (notice) shown.set(owner, notice);
  else shown.delete(owner);
}

export const anySynthetic = computed(() => [...shown.values()].some((n) => n.synthetic));

/** When the newest data on screen was loaded. */
export const newestData = computed(
  () =>
    [...shown.values()]
      .map((n) => n.dataAsOf)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null,
);
