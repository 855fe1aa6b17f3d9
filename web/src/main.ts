import { createApp, nextTick } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { parseView } from './model/view';
import { router } from './router';
import './styles.css';

router.afterEach((to, from) => {
  const locale = parseView(to.query).lang;
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  // After moving to another page, put keyboard and screen-reader focus at the start of its content.
  if (from.matched.length && to.path !== from.path) void nextTick(() => document.getElementById('main')?.focus({ preventScroll: true }));
});

// Who is signed in decides the navigation and what the restricted pages show; asked once at start.
// Loaded apart from the entry: the GraphQL client is not needed before the first page asks for something.
void import('./api/session').then((session) => session.loadSession());

createApp(App).use(i18n).use(router).mount('#app');
