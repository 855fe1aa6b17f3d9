import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { AggregateInput } from './gql/graphql';
import { locales, parseView, serializeView, viewOfQuery, type Locale } from './model/view';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** Rendered without the app's header and footer (embedded charts). */
    bare?: boolean;
  }
}

/* Pages load on demand, so the first visit downloads only the page it opens. */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: () => import('./pages/OverviewPage.vue'), meta: { title: 'nav.overview' } },
  { path: '/regions', name: 'regions', component: () => import('./pages/RegionsPage.vue'), meta: { title: 'nav.regions' } },
  {
    path: '/target-groups',
    name: 'target-groups',
    component: () => import('./pages/TargetGroupsPage.vue'),
    meta: { title: 'nav.targetGroups' },
  },
  {
    path: '/institutions',
    name: 'institutions',
    component: () => import('./pages/InstitutionsPage.vue'),
    meta: { title: 'nav.institutions' },
  },
  { path: '/explorer', name: 'explorer', component: () => import('./pages/ExplorerPage.vue'), meta: { title: 'nav.explorer' } },
  { path: '/sources', name: 'sources', component: () => import('./pages/SourcesPage.vue'), meta: { title: 'nav.sources' } },
  { path: '/embed/:chart', name: 'embed', component: () => import('./pages/EmbedPage.vue'), meta: { bare: true } },
  { path: '/:unknown(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'app.notFoundTitle' } },
];

function preferredLocale(): Locale {
  return navigator.languages.some((l) => l.toLowerCase().startsWith('lv')) ? 'lv' : 'en';
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: decodeURIComponent(to.hash), top: 16 };
    // A filter change keeps the reader where they are; a new page starts at the top.
    return to.path === from.path ? false : { top: 0 };
  },
});

function aggregateInput(json: string): AggregateInput | null {
  try {
    const input = JSON.parse(json) as AggregateInput;
    return Array.isArray(input?.measures) ? input : null;
  } catch {
    return null;
  }
}

router.beforeEach((to) => {
  // Exports link back to the view they came from as /explorer?query=<the AggregateInput>.
  if (to.path === '/explorer' && typeof to.query.query === 'string') {
    const { query, ...rest } = to.query;
    const input = aggregateInput(query);
    return { path: to.path, query: serializeView({ ...parseView({ lang: preferredLocale(), ...rest }), ...(input ? viewOfQuery(input) : {}) }), replace: true };
  }
  // The language is part of every address, so a shared link opens in the language it was shared in.
  if (!locales.includes(to.query.lang as Locale)) {
    return { ...to, query: { ...to.query, lang: preferredLocale() }, replace: true };
  }
});
