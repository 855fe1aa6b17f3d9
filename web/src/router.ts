import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { AggregateInput, Role } from './gql/graphql';
import { pageRoles } from './model/access';
import { locales, parseView, serializeView, viewOfQuery, type Locale } from './model/view';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** Rendered without the app's header and footer (embedded charts). */
    bare?: boolean;
    /** Only these roles may use the page (the server enforces it; the app shows a sign-in prompt or why not). */
    roles?: readonly Role[];
  }
}

/** The pages behind a sign-in bring their own text along (most visitors never open them). */
function withAccountText<T>(page: Promise<T>): Promise<T> {
  return Promise.all([page, import('./i18n/accounts').then((m) => m.loadAccountMessages())]).then(([loaded]) => loaded);
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
  { path: '/login', name: 'login', component: () => withAccountText(import('./pages/LoginPage.vue')), meta: { title: 'auth.signIn' } },
  {
    path: '/import',
    name: 'import',
    component: () => withAccountText(import('./pages/ImportPage.vue')),
    meta: { title: 'nav.import', roles: pageRoles.import },
  },
  {
    path: '/targets',
    name: 'targets',
    component: () => withAccountText(import('./pages/TargetsPage.vue')),
    meta: { title: 'nav.targets', roles: pageRoles.targets },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => withAccountText(import('./pages/AuditPage.vue')),
    meta: { title: 'nav.audit', roles: pageRoles.audit },
  },
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
