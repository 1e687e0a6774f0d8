// The diagnostics page: checks a deployment the way a browser sees it, for the site's maintainer.
// - every file of the build (build.json) is on the server with the right bytes (SHA-256) and the wasm has the
//   application/wasm type;
// - the catalog and every course bundle are there and match the catalog's hashes; site.json is valid JSON;
// - the service worker's state, the versions it holds and its caches (offline.js's describe());
// - the storage the browser grants (navigator.storage, IndexedDB) and what this browser supports.
// Files are fetched with `?diagnostics` and cache: 'no-store', which the service worker passes to the server.
// Each row is a mark (✓ fine, ! worth a look, ✗ a problem), a subject and a sentence; "Copy the report" copies
// them as text for whoever helps.
'use strict';

(() => {
  const sections = ['build', 'files', 'courses', 'offline', 'storage', 'browser'];
  const MARKS = { ok: '✓', note: '!', problem: '✗' };
  let rows = {};

  function add(section, level, subject, detail) {
    rows[section].push({ level, subject, detail });
    const table = document.getElementById(section);
    const row = table.insertRow();
    const mark = row.insertCell();
    mark.className = `mark ${level}`;
    mark.textContent = MARKS[level];
    mark.setAttribute('aria-label', level === 'ok' ? 'fine' : level === 'note' ? 'worth a look' : 'problem');
    row.insertCell().textContent = subject;
    const cell = row.insertCell();
    cell.textContent = detail;
    if (/^[0-9a-f]{64}$/.test(detail)) cell.className = 'hash';
  }

  async function fetchChecked(path) {
    const response = await fetch(`${path}?diagnostics=${Date.now()}`, { cache: 'no-store' });
    return response;
  }

  const canHash = Boolean(window.crypto && crypto.subtle);
  async function sha256(buffer) {
    const digest = await crypto.subtle.digest('SHA-256', buffer);
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

  async function checkFile(section, path, expected) {
    let response;
    try {
      response = await fetchChecked(path);
    } catch (error) {
      add(section, 'problem', path, `could not be fetched (${error.message})`);
      return null;
    }
    if (!response.ok) {
      add(section, 'problem', path, `the server answered ${response.status} ${response.statusText}: is the file there?`);
      return null;
    }
    const buffer = await response.arrayBuffer();
    const notes = [];
    let level = 'ok';
    if (expected && expected.bytes !== undefined && buffer.byteLength !== expected.bytes) {
      level = 'problem';
      notes.push(`${buffer.byteLength} bytes, the build made ${expected.bytes}: an incomplete or different copy`);
    }
    if (expected && expected.sha256 && canHash) {
      const digest = await sha256(buffer);
      if (digest !== expected.sha256) {
        level = 'problem';
        notes.push(`its SHA-256 is ${digest.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…: a different or damaged copy`);
      }
    }
    if (path.endsWith('.wasm')) {
      const type = response.headers.get('Content-Type') || '(none)';
      if (!type.startsWith('application/wasm')) {
        if (level === 'ok') level = 'note';
        notes.push(`served as ${type}, not application/wasm: Pathwise works but starts slower (see the README's serving section)`);
      }
    }
    add(section, level, path, notes.length ? notes.join('; ') : `${kb(buffer.byteLength)}, as built`);
    return buffer;
  }

  async function checkBuild() {
    const buffer = await checkFile('build', 'build.json');
    if (!buffer) {
      add('build', 'problem', 'version', 'unknown: build.json is missing, so the files below cannot be checked');
      return;
    }
    let build;
    try {
      build = JSON.parse(new TextDecoder().decode(buffer));
    } catch (error) {
      add('build', 'problem', 'build.json', `is not valid JSON (${error.message})`);
      return;
    }
    add('build', 'ok', 'version', build.version);
    add('build', 'ok', 'address', new URL('./', location.href).href);
    if (!canHash) add('files', 'note', 'hashes', 'this address is not secure (http://), so the browser cannot compute SHA-256: sizes only');
    for (const [name, expected] of Object.entries(build.files || {})) {
      await checkFile('files', name, expected);
    }
  }

  async function checkCourses() {
    const buffer = await checkFile('courses', 'content/catalog.json');
    if (!buffer) return;
    let catalog;
    try {
      catalog = JSON.parse(new TextDecoder().decode(buffer));
    } catch (error) {
      add('courses', 'problem', 'content/catalog.json', `is not valid JSON (${error.message}); run \`pathwise validate content/\``);
      return;
    }
    for (const course of Array.isArray(catalog.courses) ? catalog.courses : []) {
      if (!course || typeof course.bundle !== 'string') continue;
      await checkFile('courses', `content/${course.bundle}`, { sha256: course.sha256 });
    }
    let site;
    try {
      site = await fetchChecked('site.json');
    } catch (error) {
      add('courses', 'problem', 'site.json', `could not be fetched (${error.message})`);
      return;
    }
    if (site.status === 404) {
      add('courses', 'ok', 'site.json', 'none: every course of the catalog is shown (it is optional)');
    } else if (!site.ok) {
      add('courses', 'problem', 'site.json', `the server answered ${site.status} ${site.statusText}`);
    } else {
      try {
        const settings = JSON.parse(await site.text());
        add('courses', 'ok', 'site.json', `found${settings.school ? ` (${settings.school})` : ''}; Pathwise's home screen lists any problem in it`);
      } catch (error) {
        add('courses', 'problem', 'site.json', `is not valid JSON (${error.message}); run \`pathwise validate site.json\``);
      }
    }
  }

  async function checkOffline() {
    if (typeof PathwiseOffline !== 'object') {
      add('offline', 'problem', 'offline.js', 'did not load');
      return;
    }
    const found = await PathwiseOffline.describe();
    if (found.reason) {
      add('offline', 'note', 'service worker', found.reason);
      return;
    }
    if (!found.worker) {
      add('offline', 'note', 'service worker', 'not installed yet: open Pathwise once on this device, then check again');
    } else {
      add('offline', 'ok', 'service worker', `active, version ${found.worker.version || 'unknown'}`);
    }
    if (found.waiting) add('offline', 'note', 'update', `version ${found.waiting.version} is ready; Pathwise applies it between activities`);
    add('offline', found.controlled ? 'ok' : 'note', 'this page', found.controlled ? 'served by the service worker' : 'not served by the service worker (yet)');
    for (const cache of found.caches) {
      add('offline', 'ok', cache.name, `${cache.entries} files, ${mb(cache.bytes)}`);
    }
  }

  async function checkStorage() {
    if (navigator.storage && navigator.storage.estimate) {
      const estimate = await navigator.storage.estimate();
      const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : false;
      add('storage', 'ok', 'space', `${mb(estimate.usage || 0)} used of ${mb(estimate.quota || 0)} the browser allows this site`);
      add('storage', persisted ? 'ok' : 'note', 'kept', persisted ? 'the browser promised to keep this site\'s data'
        : 'the browser may delete this site\'s data when space runs low (Pathwise asks it not to when a learner makes a course available offline)');
    } else {
      add('storage', 'note', 'space', 'this browser does not say');
    }
    await new Promise((resolve) => {
      let request;
      try {
        request = indexedDB.open('pathwise-diagnostics-probe');
      } catch (error) {
        add('storage', 'problem', 'IndexedDB', `refused (${error.message}): progress cannot be saved in this browser`);
        resolve();
        return;
      }
      request.onsuccess = () => {
        request.result.close();
        indexedDB.deleteDatabase('pathwise-diagnostics-probe');
        add('storage', 'ok', 'IndexedDB', 'works: progress is saved on this device');
        resolve();
      };
      request.onerror = () => {
        add('storage', 'problem', 'IndexedDB', `refused (${request.error && request.error.message}): progress cannot be saved (a private window?)`);
        resolve();
      };
    });
  }

  function checkBrowser() {
    add('browser', 'ok', 'browser', navigator.userAgent);
    add('browser', typeof WebAssembly === 'object' ? 'ok' : 'problem', 'WebAssembly',
      typeof WebAssembly === 'object' ? 'supported' : 'not supported: Pathwise cannot run here');
    const gl = document.createElement('canvas').getContext('webgl2');
    add('browser', gl ? 'ok' : 'problem', 'WebGL 2', gl ? 'supported' : 'not available: Pathwise cannot draw here (is hardware acceleration off?)');
    add('browser', window.isSecureContext ? 'ok' : 'note', 'secure address',
      window.isSecureContext ? 'yes' : 'no: offline use needs https:// (or this computer\'s own address)');
  }

  function report() {
    const lines = [`Pathwise diagnostics, ${new Date().toISOString()}, ${location.href}`];
    for (const section of sections) {
      lines.push('', section.toUpperCase());
      for (const row of rows[section]) lines.push(`${MARKS[row.level]} ${row.subject}: ${row.detail}`);
    }
    return lines.join('\n');
  }

  async function run() {
    rows = {};
    for (const section of sections) {
      rows[section] = [];
      document.getElementById(section).replaceChildren();
    }
    const summary = document.getElementById('summary');
    summary.textContent = 'Checking…';
    for (const check of [checkBuild, checkCourses, checkOffline, checkStorage, checkBrowser]) {
      try {
        await check();
      } catch (error) {
        add('browser', 'problem', check.name, `the check itself failed (${error.message})`);
      }
    }
    const all = sections.flatMap((section) => rows[section]);
    const problems = all.filter((row) => row.level === 'problem').length;
    const notes = all.filter((row) => row.level === 'note').length;
    summary.textContent = problems
      ? `${problems} problem${problems === 1 ? '' : 's'} found (marked ✗)${notes ? `, and ${notes} thing${notes === 1 ? '' : 's'} worth a look (!)` : ''}.`
      : `Everything needed works${notes ? `; ${notes} thing${notes === 1 ? '' : 's'} worth a look (!)` : ''}.`;
    summary.className = problems ? 'problem' : 'ok';
    window.pathwiseDiagnostics = { done: true, problems, notes, rows: all, report: report() };
  }

  document.getElementById('copy').addEventListener('click', () => {
    const text = report();
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
  });
  document.getElementById('again').addEventListener('click', run);
  run();
})();
