// Offline use, from the page's side of the service worker (sw.js): registers it, follows its state, tells the app
// when a new version is ready and applies it when the app says so (between activities), and keeps a course's
// pictures and videos for offline use when the learner asks ("Make this course available offline").
//
//   PathwiseOffline.start(version, onChange)   registers sw.js; onChange(status) on every change
//   PathwiseOffline.status() -> {state: 'checking'|'ready'|'unavailable', reason, version, updateReady, newVersion}
//   PathwiseOffline.applyUpdate()              the new version takes over and the page reloads
//   PathwiseOffline.courseStatus(course, urls) -> {files, savedFiles, totalBytes, savedBytes}
//   PathwiseOffline.saveCourse(course, urls, onProgress(status))  -> status; rejects with an Error (sentence)
//   PathwiseOffline.removeCourse(course)
//   PathwiseOffline.describe() -> what the diagnostics page shows: the worker's state and the caches
//
// URLs are relative to the site's folder ("content/fractions/media/leaf.svg").
'use strict';

// eslint-disable-next-line no-unused-vars
const PathwiseOffline = (() => {
  const COURSE_CACHE_PREFIX = 'pathwise-course-';  // as in sw.js
  const UPDATE_CHECK_MS = 30 * 60 * 1000;  // a page left open all day still learns of a new version

  const status = { state: 'checking', reason: '', version: '', updateReady: false, newVersion: '' };
  let registration = null;
  let notify = () => {};
  let applying = false;

  // Why this page cannot have a service worker, or '' when it can.
  function unavailableReason() {
    if (location.protocol === 'file:') return 'Pathwise was opened from a file, so it cannot be kept for offline use.';
    if (new URLSearchParams(location.search).has('lms')) {
      return 'Inside a learning platform (LMS) Pathwise is not kept for offline use: the platform keeps the progress.';
    }
    if (!window.isSecureContext) {
      return 'This address is not secure (http:// on another computer), so the browser will not keep Pathwise for ' +
        'offline use. Ask the site\'s maintainer for an https:// address.';
    }
    if (!('serviceWorker' in navigator) || typeof caches === 'undefined') {
      return 'This browser cannot keep Pathwise for offline use.';
    }
    return '';
  }

  function change(fields) {
    Object.assign(status, fields);
    notify(Object.assign({}, status));
  }

  function askVersion(worker) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(''), 3000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve((event.data && event.data.version) || '');
      };
      worker.postMessage({ type: 'version' }, [channel.port2]);
    });
  }

  async function updateWaiting(worker) {
    const newVersion = await askVersion(worker);
    if (newVersion && newVersion === status.version) return;  // the same build installed again
    change({ updateReady: true, newVersion });
  }

  function watch(worker) {
    worker.addEventListener('statechange', () => {
      // `installed` while another worker controls the page: a new version waits for the app's word.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) updateWaiting(worker);
      if (worker.state === 'activated' && !status.updateReady) change({ state: 'ready', reason: '' });
      // An install that failed (a file of the site missing on the server) with no earlier version to fall back
      // on; a failed update leaves the running version in place.
      if (worker.state === 'redundant' && !(registration && registration.active)) {
        change({ state: 'unavailable', reason: 'Pathwise could not be kept for offline use: a file of the site could ' +
          'not be downloaded. The site\'s maintainer can open diagnostics.html to see which.' });
      }
    });
  }

  async function start(version, onChange) {
    notify = onChange || notify;
    status.version = version;
    const reason = unavailableReason();
    if (reason) {
      change({ state: 'unavailable', reason });
      return;
    }
    let hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!hadController) {  // the first visit's worker took over: nothing to reload
        hadController = true;
        return;
      }
      // A new version took over: this page asked for it (reload now), or another tab of Pathwise did. This page
      // still runs the old build, entirely loaded; it reloads when the app next applies the update.
      if (applying) window.location.reload();
      else change({ updateReady: true });
    });
    try {
      // A relative URL: the worker's scope is the site's folder, wherever the school put it.
      registration = await navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' });
    } catch (error) {
      change({ state: 'unavailable', reason: `The browser refused to keep Pathwise for offline use (${error.message}).` });
      return;
    }
    if (!registration) {  // a browser set to block service workers answers with nothing
      change({ state: 'unavailable', reason: 'This browser is set to block offline use (service workers) for this site.' });
      return;
    }
    if (registration.waiting && navigator.serviceWorker.controller) updateWaiting(registration.waiting);
    if (registration.installing) watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    if (registration.active) change({ state: 'ready' });
    const check = () => registration.update().catch(() => {});  // offline: nothing to learn
    setInterval(check, UPDATE_CHECK_MS);
    window.addEventListener('online', check);
  }

  // The new version takes over and the page reloads with it: never a mix of the two builds' files.
  function applyUpdate() {
    applying = true;
    const waiting = registration && registration.waiting;
    if (waiting) waiting.postMessage({ type: 'skip-waiting' });  // then controllerchange reloads
    else window.location.reload();  // another tab already let it take over
  }

  // ---- Courses kept for offline use -----------------------------------------------------------------------
  const absolute = (url) => new URL(url, document.baseURI).href;

  async function sizeOf(response) {
    const length = Number(response.headers.get('Content-Length'));
    return length > 0 ? length : (await response.clone().blob()).size;
  }

  // How much of the course is kept, and its size (asking the server for the size of what is not kept).
  async function courseStatus(course, urls) {
    const result = { files: urls.length, savedFiles: 0, totalBytes: 0, savedBytes: 0, sizeKnown: true };
    // (Opening a cache creates it: a course never kept, or just removed, must not get an empty one.)
    const name = COURSE_CACHE_PREFIX + course;
    const cache = (await caches.has(name)) ? await caches.open(name) : null;
    await Promise.all(urls.map(async (url) => {
      const kept = cache && await cache.match(absolute(url));
      if (kept) {
        const bytes = await sizeOf(kept);
        result.savedFiles += 1;
        result.savedBytes += bytes;
        result.totalBytes += bytes;
        return;
      }
      try {
        const head = await fetch(absolute(url), { method: 'HEAD', cache: 'no-cache' });
        const length = Number(head.headers.get('Content-Length'));
        if (head.ok && length > 0) result.totalBytes += length;
        else result.sizeKnown = false;
      } catch {
        result.sizeKnown = false;  // offline: the size of what is missing is unknown
      }
    }));
    return result;
  }

  async function saveCourse(course, urls, onProgress) {
    const cache = await caches.open(COURSE_CACHE_PREFIX + course);
    if (navigator.storage && navigator.storage.persist) await navigator.storage.persist().catch(() => false);
    for (const url of urls) {
      if (await cache.match(absolute(url))) continue;
      let response;
      try {
        response = await fetch(absolute(url), { cache: 'no-cache' });
      } catch (error) {
        throw new Error(`${url} could not be downloaded (${error.message}); check the connection and try again.`);
      }
      if (!response.ok) throw new Error(`The server answered ${response.status} for ${url}.`);
      try {
        await cache.put(absolute(url), response);
      } catch (error) {
        throw new Error(error.name === 'QuotaExceededError'
          ? 'This device has no room left for this course. Free some space, or remove another course from offline use.'
          : `${url} could not be kept (${error.message}).`);
      }
      if (onProgress) onProgress(await courseStatus(course, urls));
    }
    return courseStatus(course, urls);
  }

  function removeCourse(course) {
    return caches.delete(COURSE_CACHE_PREFIX + course);
  }

  // ---- For the diagnostics page ------------------------------------------------------------------------------
  async function describe() {
    const result = { reason: unavailableReason(), controlled: false, worker: null, waiting: null, caches: [] };
    if (result.reason) return result;
    result.controlled = Boolean(navigator.serviceWorker.controller);
    const found = await navigator.serviceWorker.getRegistration();
    if (found) {
      if (found.active) result.worker = { state: found.active.state, version: await askVersion(found.active) };
      if (found.waiting) result.waiting = { version: await askVersion(found.waiting) };
    }
    for (const name of await caches.keys()) {
      if (!name.startsWith('pathwise-')) continue;
      const cache = await caches.open(name);
      const keys = await cache.keys();
      let bytes = 0;
      for (const key of keys) {
        const response = await cache.match(key);
        if (response) bytes += await sizeOf(response);
      }
      result.caches.push({ name, entries: keys.length, bytes });
    }
    return result;
  }

  return { start, status: () => Object.assign({}, status), applyUpdate, courseStatus, saveCourse, removeCourse,
    describe };
})();
