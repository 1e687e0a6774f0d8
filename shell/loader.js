// Start-up: checks the browser, opens the learner's saved progress (storage.js) while the wasm downloads with a
// real progress bar, starts the client with the storage's outcome, hands it the course catalog, and exposes
// window.pathwise (including the test hook documented in tests/e2e/README.md). Any failure ends on a clear
// message with a way to retry, never on a blank page. Storage that cannot be opened is not such a failure: the
// app then runs the session in memory and says so.
'use strict';

(() => {
  const BUILD = {"version":"development"};  // written by cmake/assemble_site.py
  const WASM_URL = 'pathwise.wasm';  // (the build writes the hashed names of these two)
  const SCRIPT_URL = 'pathwise.js';
  const CATALOG_URL = 'content/catalog.json';
  const DISPLAY_KEY = 'pathwise.display';  // this device's display preferences (client/app/preferences.h)

  // The single-file build (pathwise-offline.html, for opening from a disk or USB stick: cmake/assemble_site.py)
  // carries the wasm and the content in the page itself, because a page opened from file:// may not fetch.
  const EMBEDDED = (() => {
    const node = document.getElementById('pathwise-embedded');
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      console.error(`Pathwise's embedded content is damaged: ${error.message}`);
      return { wasm: '', files: {} };
    }
  })();
  function embeddedWasm() {
    const text = atob(EMBEDDED.wasm);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  const canvas = document.getElementById('canvas');
  const agent = document.getElementById('text-agent');
  const loading = document.getElementById('loading');
  const progress = document.getElementById('progress');
  const progressFill = document.getElementById('progress-fill');
  const loadingText = document.getElementById('loading-text');
  const errorBox = document.getElementById('error');
  const importInput = document.getElementById('import-file');

  const timings = { start: performance.now(), wasmDownloaded: null, runtimeReady: null, firstFrame: null };
  let frames = 0;
  let failed = false;

  function fail(message, detail) {
    if (failed) return;
    failed = true;
    document.getElementById('error-text').textContent = message;
    document.getElementById('error-detail').textContent = detail ? String(detail) : '';
    loading.hidden = true;
    canvas.hidden = true;
    errorBox.hidden = false;
    document.getElementById('error-reload').focus();
  }
  document.getElementById('error-reload').addEventListener('click', () => window.location.reload());
  window.addEventListener('unhandledrejection', (event) => {
    if (!failed && frames === 0) fail('Pathwise could not start.', event.reason && event.reason.message);
  });

  function showProgress(fraction, text) {
    if (fraction === null) {
      progress.classList.add('indeterminate');
      progress.removeAttribute('aria-valuenow');
    } else {
      const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      progress.classList.remove('indeterminate');
      progressFill.style.width = `${percent}%`;
      progress.setAttribute('aria-valuenow', String(percent));
    }
    loadingText.textContent = text;
  }

  // ---- What this browser must have -------------------------------------------------------------------------
  // The smallest module using wasm exception handling (a function whose body is `try catch_all end`): the
  // client is built with -fwasm-exceptions, which Chrome 95+, Firefox 100+ and Safari 15.2+ understand. Older
  // browsers would otherwise fail later with an obscure compile error.
  const EXCEPTIONS_PROBE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                               // type section: () -> ()
    0x03, 0x02, 0x01, 0x00,                                           // function section: one function
    0x0a, 0x08, 0x01, 0x06, 0x00, 0x06, 0x40, 0x19, 0x0b, 0x0b]);     // code: try catch_all end end

  function missingFeature() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser cannot run WebAssembly, which Pathwise needs. Please use an up-to-date Chrome, ' +
        'Edge, Firefox or Safari.';
    }
    if (!WebAssembly.validate(EXCEPTIONS_PROBE)) {
      return 'This browser is too old for Pathwise. Please update it, or use an up-to-date Chrome, Edge, ' +
        'Firefox (100 or newer) or Safari (15.2 or newer).';
    }
    const probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) {
      return 'This browser or device has WebGL 2 turned off or does not support it, and Pathwise needs it to ' +
        'draw. Please use an up-to-date Chrome, Edge, Firefox or Safari (15.2 or newer), and check that ' +
        'hardware acceleration is on.';
    }
    return null;
  }

  // ---- Downloads -------------------------------------------------------------------------------------------
  // `onResponse` sees the response before its body is read (to compile a clone of it as it streams in).
  async function download(url, onProgress, onResponse = () => {}) {
    if (EMBEDDED) {
      if (!EMBEDDED.wasm) throw new Error('this single-file Pathwise has no wasm in it: copy it again');
      return embeddedWasm();
    }
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`could not reach the server for ${url} (${error.message}); check the connection`);
    }
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText} for ${url}`);
    onResponse(response);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) {
      onProgress(null, 0);
      return new Uint8Array(await response.arrayBuffer());
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      // With a compressed transfer Content-Length counts compressed bytes: the bar then fills early.
      onProgress(Math.min(received / total, 1), received);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  // Compiles the wasm while it downloads, from a clone of the same response: compiling overlaps the download,
  // and for a response from the HTTP cache V8 may reuse the machine code it cached on an earlier visit (its
  // WebAssembly code cache works only for streaming compilation). Resolves to null where that is not possible
  // (a browser without compileStreaming, a server that does not send application/wasm): the downloaded bytes are
  // compiled instead. A module the browser rejects rejects the promise, as compiling the bytes would.
  function compileWhileDownloading(response) {
    if (typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
    const compiling = WebAssembly.compileStreaming(response.clone()).catch((error) => {
      if (error instanceof TypeError) return null;  // not served as application/wasm
      throw error;
    });
    compiling.catch(() => {});  // reported when awaited; a failed download must not also log it as unhandled
    return compiling;
  }

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.appendChild(script);
    });
  }

  // Content files (catalog, bundles) as text, or a sentence saying why not. `no-cache` revalidates with the
  // server, so a course updated on the server is seen on the next visit (the catalog's hashes catch a mix).
  async function fetchText(url) {
    if (EMBEDDED) {
      const text = EMBEDDED.files[url];
      return typeof text === 'string' ? { ok: true, text }
        : { ok: false, status: 404, message: `${url} is not part of this single-file Pathwise` };
    }
    let response;
    try {
      response = await fetch(url, { cache: 'no-cache' });
    } catch (error) {
      return { ok: false, message: `the network request for ${url} failed (${error.message})` };
    }
    if (!response.ok) {
      return { ok: false, status: response.status,
        message: `the server answered ${response.status} ${response.statusText} for ${url}` };
    }
    try {
      return { ok: true, text: await response.text() };
    } catch (error) {
      return { ok: false, message: `the download of ${url} was interrupted (${error.message})` };
    }
  }
  const fetchCatalogText = () => fetchText(CATALOG_URL);
  const SITE_URL = 'site.json';  // the school's settings, optional (content/README.md)

  // ---- Saved progress (storage.js) -------------------------------------------------------------------------
  function openStorage() {
    if (typeof PathwiseStorage !== 'object') {
      return Promise.resolve({ available: false, reason: 'Part of Pathwise (storage.js) could not be loaded, ' +
        'so progress cannot be saved; reload the page.' });
    }
    return PathwiseStorage.open();
  }
  // Store notices that reached the wasm, by kind, for the test hook.
  const storageDelivered = { writtenElsewhere: 0, profilesChangedElsewhere: 0, lost: 0 };

  // ---- Files in and out --------------------------------------------------------------------------------------
  function offerDownload(fileName, mimeType, bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoking the URL at once can cancel the download in some browsers; a minute is plenty for it to start.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  let importChosen = null;  // where the next chosen file goes (set by each chooseFileToImport)
  // (An index.html cached from before the import input existed must not stop the page from starting.)
  if (importInput) importInput.addEventListener('change', () => {
    const file = importInput.files && importInput.files[0];
    importInput.value = '';  // so that choosing the same file again is a change again
    const deliver = importChosen;
    if (!file || !deliver) return;
    // Bytes, not text: they reach the core exactly as on disk (it diagnoses bad UTF-8 itself); only a UTF-8
    // byte order mark, which editors on Windows add, is dropped.
    file.arrayBuffer().then((buffer) => {
      let bytes = new Uint8Array(buffer);
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      deliver(file.name, bytes);
    }, (error) => console.error(`Pathwise could not read ${file.name}:`, error));
  });
  function chooseFileToImport(onChosen) {
    importChosen = onChosen;
    if (importInput) importInput.click();
    else console.error('Pathwise cannot import: the page has no file input; reload it.');
  }

  // ---- Display preferences ---------------------------------------------------------------------------------
  // Per device, in localStorage: small, read synchronously at start. Browsers that refuse localStorage (some
  // private modes, file://, a policy) throw on access: the app then uses the defaults and keeps nothing.
  function loadDisplayPreferences() {
    try {
      return window.localStorage.getItem(DISPLAY_KEY) || '';
    } catch (error) {
      return '';
    }
  }
  function saveDisplayPreferences(text) {
    try {
      window.localStorage.setItem(DISPLAY_KEY, text);
    } catch (error) {
      console.warn(`Pathwise could not keep the display preferences: ${error.message}`);
    }
    showPageTheme();
  }
  const mediaMatches = (query) => Boolean(window.matchMedia && window.matchMedia(query).matches);
  // Bits for pw_js_display_hints: 1 dark colour scheme, 2 more contrast, 4 reduced motion.
  function displayHints() {
    return (mediaMatches('(prefers-color-scheme: dark)') ? 1 : 0) |
      (mediaMatches('(prefers-contrast: more)') || mediaMatches('(forced-colors: active)') ? 2 : 0) |
      (mediaMatches('(prefers-reduced-motion: reduce)') ? 4 : 0);
  }
  // The loading and error screens take the app's theme (style.css), so a dark or high-contrast device never
  // flashes the light page: the stored theme, else the one the app will default to.
  function showPageTheme() {
    let theme = null;
    try {
      theme = JSON.parse(loadDisplayPreferences() || 'null');
      theme = theme && typeof theme.theme === 'string' ? theme.theme : null;
    } catch (error) {
      theme = null;
    }
    if (theme !== 'light' && theme !== 'dark' && theme !== 'high_contrast') {
      const hints = displayHints();
      theme = hints & 2 ? 'high_contrast' : hints & 1 ? 'dark' : 'light';
    }
    document.documentElement.dataset.theme = theme;
  }
  showPageTheme();

  // ---- Start ----------------------------------------------------------------------------------------------
  async function start() {
    const missing = missingFeature();
    if (missing) return fail(missing);

    const storageOpening = openStorage();  // in parallel with the downloads
    const catalog = fetchCatalogText();  // in parallel with the wasm
    const site = fetchText(SITE_URL);
    // (In the single-file build the compiled client's script is already in the page.)
    const script = typeof createPathwise === 'function' ? Promise.resolve() : loadScript(SCRIPT_URL);
    let wasmBytes;
    let compiling = Promise.resolve(null);
    try {
      wasmBytes = await download(WASM_URL, (fraction, received) => {
        const kb = Math.round(received / 1024);
        showProgress(fraction, fraction === null ? 'Loading…' : `Loading… ${kb} KB`);
      }, (response) => { compiling = compileWhileDownloading(response); });
      timings.wasmDownloaded = performance.now();
      await script;
    } catch (error) {
      return fail('Pathwise could not be downloaded. Check the connection and reload the page.', error.message);
    }
    showProgress(1, 'Starting…');

    let bridge = null;
    let media = null;  // the pictures and videos over the canvas (media.js)
    const shell = {
      textInput: (active, x, y, lineHeight, inputMode) => bridge && bridge.textInput(active, x, y, lineHeight, inputMode),
      setClipboard: (text) => {
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
      },
      requestCatalog: () => deliverCatalog(fetchCatalogText()),
      requestBundle: (path) => {
        if (media) media.setCourseBundle(path);  // the course's pictures and videos live beside its bundle
        deliverBundle(path);
      },
      placeMedia: (json) => media && media.place(json),
      setCursor: (cursor) => { canvas.style.cursor = cursor; },
      frameRendered: (frame) => {
        frames = frame;
        if (timings.firstFrame === null) {
          timings.firstFrame = performance.now();
          loading.hidden = true;
          startOffline();  // after the first frame: the service worker's downloads never delay the start
        }
      },
      fatal: (message) => fail(message),
      storage: typeof PathwiseStorage === 'object' ? PathwiseStorage : null,
      storageNotice: (kind) => { storageDelivered[kind] += 1; },
      offerDownload,
      chooseFileToImport,
      reload: () => window.location.reload(),
      displayHints,
      loadDisplayPreferences,
      saveDisplayPreferences,
      // Offline use (offline.js); answers go to the app through _pw_offline_course.
      // The app asks between activities; the page comes back at `fragment` (its course) in the new version.
      applyUpdate: (fragment) => {
        if (fragment) window.history.replaceState(null, '', fragment);
        if (offline) offline.applyUpdate();
        else window.location.reload();
      },
      checkOfflineCourse: (course, urls) => offlineCourse(course, () => offline.courseStatus(course, urls)),
      saveCourseOffline: (course, urls) => offlineCourse(course, () => offline.saveCourse(course, urls,
        (progress) => deliverOfflineCourse(course, 'downloading', progress, '')), 'downloading'),
      removeOfflineCourse: (course, urls) => offlineCourse(course, () => offline.removeCourse(course)
        .then(() => offline.courseStatus(course, urls))),
    };

    // (An offline.js missing from an old cache must not stop the page: the app then says offline use is off.)
    const offline = typeof PathwiseOffline === 'object' ? PathwiseOffline : null;
    function deliverOfflineSupport(status) {
      if (!bridge) return;
      const states = { checking: 0, ready: 1, unavailable: 2 };
      bridge.withUtf8(status.reason, (reason) => bridge.withUtf8(status.newVersion, (newVersion) =>
        module._pw_offline_support(states[status.state], reason, status.updateReady ? 1 : 0, newVersion)));
    }
    function startOffline() {
      if (!offline) {
        deliverOfflineSupport({ state: 'unavailable', reason: 'Part of Pathwise (offline.js) could not be loaded.',
          updateReady: false, newVersion: '' });
        return;
      }
      offline.start(BUILD.version, deliverOfflineSupport);
    }
    // Course states for the app: 0 checking, 1 downloading, 2 known (see the counts), 3 failed (see the message).
    function deliverOfflineCourse(course, state, counts, message) {
      const codes = { checking: 0, downloading: 1, known: 2, failed: 3 };
      const c = counts || { files: 0, savedFiles: 0, totalBytes: 0, savedBytes: 0, sizeKnown: false };
      bridge.withUtf8(course, (coursePointer) => bridge.withUtf8(message, (messagePointer) =>
        module._pw_offline_course(coursePointer, codes[state], c.files, c.savedFiles, c.totalBytes, c.savedBytes,
          c.sizeKnown ? 1 : 0, messagePointer)));
    }
    function offlineCourse(course, work, state = 'checking') {
      if (!offline) return;
      deliverOfflineCourse(course, state, null, '');
      work().then((counts) => deliverOfflineCourse(course, 'known', counts, ''),
        (error) => deliverOfflineCourse(course, 'failed', null, error.message));
    }

    let module;
    try {
      // eslint-disable-next-line no-undef
      module = await createPathwise({
        canvas,
        shell,
        instantiateWasm(imports, done) {
          compiling.then((compiled) => (compiled
            ? WebAssembly.instantiate(compiled, imports).then((instance) => ({ instance, module: compiled }))
            : WebAssembly.instantiate(wasmBytes, imports))).then(
            (result) => done(result.instance, result.module),
            (error) => fail('Pathwise could not start: this browser rejected its WebAssembly code.', error.message));
          return {};
        },
        print: (text) => console.log(text),
        printErr: (text) => console.error(text),
        onAbort: (what) => fail('Pathwise stopped because of an internal error. Reloading usually helps.', what),
      });
    } catch (error) {
      return fail('Pathwise could not start.', error && error.message);
    }
    if (failed) return;
    timings.runtimeReady = performance.now();

    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      fail('The graphics system was reset (this can happen after sleep or a driver update). Reload to continue.');
    });

    bridge = PathwiseInput.attach(module, canvas, agent);  // sizes the canvas
    // (A media.js missing from an old cache must not stop the page: the app then shows no pictures.)
    if (typeof PathwiseMedia === 'object') media = PathwiseMedia.attach(module, canvas, bridge.withUtf8);
    module._pw_set_mac_behaviors(/Mac|iPhone|iPad/.test(navigator.platform || '') ? 1 : 0);

    // The app starts with its store: the first frame follows once it has loaded the learner's records.
    showProgress(1, 'Opening saved progress…');
    const storage = await storageOpening;
    if (failed) return;
    if (!storage.available) console.warn(`Pathwise runs without saved progress: ${storage.reason}`);
    // Inside an LMS (lms.js) the learner and the progress the LMS kept are known before the app starts (this
    // promise never rejects; a page without lms.js skips it).
    if (typeof PathwiseLms === 'object') await PathwiseLms.ready;
    if (failed) return;
    bridge.withUtf8(storage.reason, (reason) => module._pw_start_app(storage.available ? 1 : 0, reason));
    // "#/course/<id>" opens a course (a teacher's link, a bookmark); the app checks the id against the catalog.
    const followLink = () => bridge.withUtf8(location.hash, (pointer) => module._pw_follow_link(pointer));
    followLink();
    window.addEventListener('hashchange', followLink);

    function deliverCatalog(pending) {
      pending.then((result) => {
        if (result.ok) {
          bridge.withUtf8(result.text, (pointer, length) =>
            bridge.withUtf8('catalog.json', (file) => module._pw_catalog_loaded(pointer, length, file)));
        } else {
          bridge.withUtf8(result.message, (pointer) => module._pw_catalog_failed(pointer));
        }
      });
    }
    // The site's settings first: they choose which of the catalog's courses are shown. Most sites have no
    // site.json (a 404), which is no problem; any other failure is reported to the site's maintainer.
    site.then((result) => {
      if (result.ok) bridge.withUtf8(result.text, (pointer, length) => module._pw_site_loaded(pointer, length));
      else if (result.status !== 404) bridge.withUtf8(result.message, (pointer) => module._pw_site_failed(pointer));
    }).finally(() => deliverCatalog(catalog));

    // The path comes from the validated catalog (relative, inside content/).
    function deliverBundle(path) {
      fetchText(`content/${path}`).then((result) => {
        bridge.withUtf8(path, (pathPointer) => {
          if (result.ok) {
            bridge.withUtf8(result.text, (pointer, length) => module._pw_bundle_loaded(pathPointer, pointer, length));
          } else {
            bridge.withUtf8(result.message, (pointer) => module._pw_bundle_failed(pathPointer, pointer));
          }
        });
      });
    }

    const readJson = (pointer) => JSON.parse(module.UTF8ToString(pointer));
    window.pathwise.test = {
      get frame() { return module._pw_test_frames(); },
      // Bytes of the font atlas texture as uploaded (RGBA32).
      atlasBytes: () => module._pw_test_atlas_bytes(),
      items: () => readJson(module._pw_test_items()).map(bridge.toPage),
      state: () => readJson(module._pw_test_state()),
      // The storage as the shell sees it: {available, reason, lost, lastError, delivered}.
      storage: () => Object.assign(shell.storage ? shell.storage.status()
        : { available: false, reason: storage.reason, lost: null, lastError: null },
      { delivered: Object.assign({}, storageDelivered) }),
      // Drives the app's own store from C++ (client/web/store_probe.h): a call id, answered in storeProbeResults().
      storeProbe: (request) => bridge.withUtf8(JSON.stringify(request), (pointer) => module._pw_test_store_call(pointer)),
      storeProbeResults: () => readJson(module._pw_test_store_results()),
      // Shows one activity of a course on the practice screen, as if the path engine had chosen it (the course is
      // fetched first when needed): true when the course and the learner are there. Answering is then done
      // through real input like everything else.
      openActivity: (course, activity) => bridge.withUtf8(course, (coursePointer) =>
        bridge.withUtf8(activity, (activityPointer) => module._pw_test_open_activity(coursePointer, activityPointer) === 1)),
      timings,
      offline: () => (offline ? offline.status() : null),
    };
  }

  window.pathwise = { timings, version: BUILD.version };
  start();
})();
