// The service worker: after one visit Pathwise starts and works with no network.
//
// - The app (page, hashed scripts and wasm, styles, icons) is precached at install in a cache named after this
//   build's version, and served from it. One version's cache holds one build's files only, so a page never runs
//   an old script with a new wasm; the old cache is deleted once the new version has taken over.
// - Content (the catalog, site.json, course bundles) is fetched from the network first, so a course updated on
//   the server is seen at once, and kept for when the network is gone. Every course of the catalog is fetched
//   at install.
// - A course's pictures and videos are kept only when the learner makes the course available offline (the page
//   writes them into a cache of their own, shell/offline.js); they are then served from it.
// - A new version (a changed sw.js: the browser compares its bytes) installs beside the running one and waits;
//   the page shows "Update ready" and asks it to take over between activities (the "skip-waiting" message).
//
// Under the build, BUILD holds the version and the files to precache (cmake/assemble_site.py).
'use strict';

const BUILD = {"version":"development","precache":[]};  // written by cmake/assemble_site.py

const APP_CACHE = `pathwise-app-${BUILD.version}`;
const CONTENT_CACHE = 'pathwise-content';
const COURSE_CACHE_PREFIX = 'pathwise-course-';  // + course id: media kept by "available offline"
const NETWORK_WAIT_MS = 4000;  // a network that hangs (a captive portal, a lost signal): fall back to the copy

const scope = new URL(self.registration.scope);
const inScope = (path) => new URL(path, scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(APP_CACHE);
    // A file with a hash in its name may come from the HTTP cache (the page has just downloaded it: no second
    // download on the first visit); the others straight from the server (`reload`), as the HTTP cache may hold
    // another version's page.
    const hashed = /\.[0-9a-f]{10}\.[a-z]+$/;
    await cache.addAll(BUILD.precache.map((path) =>
      new Request(inScope(path), { cache: hashed.test(path) ? 'default' : 'reload' })));
    // The courses are content: a failure here (a course missing on the server) must not stop the app from
    // installing. The page's diagnostics show what was kept.
    await precacheCourses().catch((error) => console.warn(`Pathwise could not keep the courses: ${error.message}`));
  })());
});

async function precacheCourses() {
  const cache = await caches.open(CONTENT_CACHE);
  const catalogRequest = new Request(inScope('content/catalog.json'), { cache: 'no-cache' });
  const response = await fetch(catalogRequest);
  if (!response.ok) throw new Error(`content/catalog.json: ${response.status}`);
  const catalog = await response.clone().json();
  await cache.put(catalogRequest, response);
  const bundles = (Array.isArray(catalog.courses) ? catalog.courses : [])
    .map((course) => course && course.bundle)
    .filter((bundle) => typeof bundle === 'string' && !bundle.includes('..') && !/^[a-z]+:/i.test(bundle));
  await Promise.all(bundles.map(async (bundle) => {
    const request = new Request(inScope(`content/${bundle}`), { cache: 'no-cache' });
    const answer = await fetch(request);
    if (answer.ok) await cache.put(request, answer);
  }));
  const site = await fetch(new Request(inScope('site.json'), { cache: 'no-cache' })).catch(() => null);
  if (!site || !site.ok) return;
  const settings = await site.clone().json().catch(() => ({}));
  await cache.put(inScope('site.json'), site);
  // The school's logo, a file of the site's folder (site.json's rules keep it inside).
  if (typeof settings.logo === 'string' && settings.logo && !settings.logo.includes('..') && !/^[a-z]+:/i.test(settings.logo)) {
    const logo = await fetch(new Request(inScope(settings.logo), { cache: 'no-cache' })).catch(() => null);
    if (logo && logo.ok) await cache.put(inScope(settings.logo), logo);
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('pathwise-app-') && name !== APP_CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();  // the first visit's page too: its later requests (courses) come through here
  })());
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'skip-waiting') self.skipWaiting();
  if (message.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: BUILD.version });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  if (url.searchParams.has('diagnostics')) return;  // the diagnostics page checks the server's own files
  const path = url.pathname.slice(scope.pathname.length);  // relative to the site's folder
  if (path === '' || path === 'index.html') {
    event.respondWith(fromAppCache(request, 'index.html'));
  } else if (BUILD.precache.includes(path)) {
    event.respondWith(fromAppCache(request, path));
  } else if (path === 'site.json' || (path.startsWith('content/') && path.endsWith('.json'))) {
    event.respondWith(networkFirst(request));
  } else if (path.startsWith('content/')) {
    event.respondWith(keptOrNetwork(request));
  } else {
    // Anything else of the site (the school's logo): the network, else a copy kept at install.
    event.respondWith(fetch(request).catch(async (error) => {
      const kept = await caches.match(url.href.split('?')[0]);
      if (kept) return kept;
      throw error;
    }));
  }
});

async function fromAppCache(request, path) {
  const cache = await caches.open(APP_CACHE);
  const kept = await cache.match(inScope(path));
  return kept || fetch(request);
}

// The network's answer when it comes within NETWORK_WAIT_MS, kept for later; else the kept copy; else the
// network's answer whenever it comes (or its failure).
async function networkFirst(request) {
  const cache = await caches.open(CONTENT_CACHE);
  const key = request.url.split('?')[0];
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NETWORK_WAIT_MS));
  try {
    const response = await Promise.race([fromNetwork, timeout]);
    if (response && response.ok) return response;
    const kept = await caches.match(key);  // the content cache, or a course kept for offline use
    if (kept) return kept;
    return response || fromNetwork;
  } catch (error) {
    const kept = await caches.match(key);
    if (kept) return kept;
    throw error;
  }
}

// Media: the copy kept by "available offline" when there is one (a byte range of it for a video), else the
// network.
async function keptOrNetwork(request) {
  const kept = await caches.match(request.url.split('?')[0], { ignoreVary: true });
  if (!kept) return fetch(request);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('Range') || '');
  if (!range || (!range[1] && !range[2])) return kept;
  // Browsers ask for videos in ranges; a kept whole file answers them as a server would (RFC 9110, 14.4).
  const body = await kept.blob();
  const size = body.size;
  const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start > end || start >= size) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  }
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': kept.headers.get('Content-Type') || 'application/octet-stream',
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Accept-Ranges': 'bytes',
    },
  });
}
