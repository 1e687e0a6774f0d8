// Pathwise inside an LMS: the SCORM 2004 4th Edition run-time (ADL, "SCORM 2004 4th Edition Run-Time
// Environment", 2009: section 3 the API, section 4 the data model). Active only when the page was launched as
// index.html?lms=scorm2004 (the href `pathwise package --scorm2004` writes into imsmanifest.xml).
//
// At launch, before the app starts (loader.js awaits PathwiseLms.ready): find the LMS's API_1484_11 object, call
// Initialize(""), read who the learner is and what the LMS kept for them (cmi.suspend_data, decoded here). The
// app (client/app/lms.h) then opens that learner's own profile and merges that progress before the first frame.
// After each saved learning event the app calls progressChanged(): the learner's progress file, deflated and in
// base64 behind a prefix naming that encoding, goes to cmi.suspend_data (at most 64,000 characters: when the
// whole history does not fit, the newest events that fit, and the learner is told), with the statuses, then
// Commit(""). Terminate("") on pagehide.
//
// Everything the LMS returns is untrusted, and every call's result is checked (GetLastError, GetErrorString,
// GetDiagnostic). Nothing here can stop the app: without an API, or when Initialize is refused, the app runs on
// this device's storage and says why. Exposes window.PathwiseLms (status() for tests and the console).
//
// With index.html?lms=cmi5 (the URL `pathwise package --cmi5` writes into cmi5.xml) the same is done over xAPI
// as the cmi5 specification (AICC, Quartz edition, sections 8 to 11) asks of an AU: the launch parameters come
// from the URL, the fetch URL is used once for the authorization token, LMS.LaunchData is read, "initialized",
// "completed" (every skill mastered) and "terminated" are sent, and the progress, encoded exactly as for
// cmi.suspend_data, lives in an xAPI State document of Pathwise's own.
'use strict';

(() => {
  const SUSPEND_DATA_LIMIT = 64000;  // characters: SCORM 2004 4th Edition, cmi.suspend_data, SPM
  // Names the encoding of what Pathwise writes to cmi.suspend_data, so a later version can change it and still
  // read this one, and so data that is not ours is recognised as such.
  const ENCODING = 'pathwise.progress/1;deflate-raw;base64,';
  const OWN_PREFIX = 'pathwise.';
  // The decompressed progress is refused beyond this (a small value could otherwise inflate without bound).
  const MAX_PROGRESS_BYTES = 16 << 20;
  const API_NAME = 'API_1484_11';
  // cmi5: the State document holding the progress (Pathwise's own id), and its cap. xAPI sets no limit, but an
  // LRS does, and a document this size is read at every launch: beyond it the newest events that fit, as above.
  const CMI5_PROGRESS_STATE = 'https://pathwise.example/state/progress';
  const CMI5_COMPLETED_STATE = 'https://pathwise.example/state/completed';  // "completed" goes once per registration
  const CMI5_PROGRESS_LIMIT = 4 << 20;  // characters
  const XAPI_VERSION = '1.0.3';
  const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
  const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
  const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

  const mode = new URLSearchParams(window.location.search).get('lms');
  const status = {
    mode,                  // the ?lms= value, or null outside an LMS
    api: false,            // API_1484_11 was found
    initialized: false,    // Initialize("") succeeded
    terminated: false,
    launch: null,          // what the app was given (without the progress text)
    errors: [],            // every refused call: {call, code, message, diagnostic}
    mirrors: 0,            // progress writes that were committed
    lastMirror: null,      // {characters, events, total, bytes}
    cmi5: null,            // cmi5 only: {launchMode, moveOn, masteryScore, sessionId, statements: [verb ids sent]}
  };

  if (!mode) {
    // A plain visit: no LMS, nothing to do (and no launch for the app).
    window.PathwiseLms = { active: false, ready: Promise.resolve(), status: () => structuredClone(status) };
    return;
  }

  const launch = { active: false, learner_id: '', learner_name: '', entry: '', progress: '', notice: '', mirror: false };
  const notices = [];
  const say = (sentence) => {
    notices.push(sentence);
    console.warn(`Pathwise (LMS): ${sentence}`);
  };

  // ---- Finding the API (RTE 3.3.6.1, the search ADL publishes) ----------------------------------------------
  // Up the chain of parent frames, at most 7 levels, then the same from the window that opened this one. A
  // frame of another origin cannot be searched (the browser throws): the search ends there.
  function searchFrom(start) {
    let win = start;
    let tries = 0;
    try {
      while (!win[API_NAME] && win.parent && win.parent !== win) {
        tries += 1;
        if (tries > 7) return null;
        win = win.parent;
      }
      return win[API_NAME] || null;
    } catch (error) {
      return null;
    }
  }
  function findApi() {
    const api = searchFrom(window);
    if (api) return api;
    try {
      return window.opener ? searchFrom(window.opener) : null;
    } catch (error) {
      return null;
    }
  }

  // ---- Calls, each checked ------------------------------------------------------------------------------------
  let api = null;
  const text = (value) => (value === undefined || value === null ? '' : String(value));
  function describe(name, args) {
    const shown = args.map((a) => {
      const value = text(a);
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…(${value.length} characters)` : value);
    });
    return `${name}(${shown.join(', ')})`;
  }
  // Returns {ok, value, error}. GetValue succeeds with any value when GetLastError is "0" (403, "not
  // initialized", is an empty value, not a failure: an LMS answers it for a learner's first launch); the other
  // calls must return "true".
  function call(name, ...args) {
    let value;
    try {
      value = text(api[name](...args));
    } catch (error) {
      const failure = { call: describe(name, args), code: 'exception', message: text(error && error.message), diagnostic: '' };
      status.errors.push(failure);
      console.warn(`Pathwise (LMS): ${failure.call} threw: ${failure.message}`);
      return { ok: false, value: '', error: failure };
    }
    let code = '0';
    try {
      code = text(api.GetLastError());
    } catch (error) {
      code = '0';
    }
    const refused = name === 'GetValue' ? code !== '0' && code !== '403' : value !== 'true' || code !== '0';
    if (!refused) return { ok: true, value: name === 'GetValue' && code === '403' ? '' : value };
    let message = '';
    let diagnostic = '';
    try {
      message = text(api.GetErrorString(code));
      diagnostic = text(api.GetDiagnostic(code));
    } catch (error) {
      // An API without them: the code alone has to do.
    }
    const failure = { call: describe(name, args), code, message, diagnostic };
    status.errors.push(failure);
    console.warn(`Pathwise (LMS): ${failure.call} was refused: ${code} ${message}${diagnostic ? ` (${diagnostic})` : ''}`);
    return { ok: false, value, error: failure };
  }
  const because = (failure) => `error ${failure.code}${failure.message ? `, "${failure.message}"` : ''}`;

  // ---- The suspend_data encoding ------------------------------------------------------------------------------
  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }
  async function deflate(textValue) {
    const stream = new Blob([new TextEncoder().encode(textValue)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  async function encode(progressText) {
    return ENCODING + toBase64(await deflate(progressText));
  }
  // A readable problem: {keep} is true when the value may be someone's progress we cannot read (a newer
  // Pathwise wrote it), which must then not be overwritten.
  class Unreadable extends Error {
    constructor(message, keep) {
      super(message);
      this.keep = keep;
    }
  }
  async function decode(value) {
    if (!value.startsWith(ENCODING)) {
      if (value.startsWith(OWN_PREFIX)) {
        throw new Unreadable(`it was written in a form this version of Pathwise does not know ("${value.slice(0, 48)}"), ` +
          'probably by a newer version', true);
      }
      throw new Unreadable('it is not something Pathwise wrote (it does not start with its encoding\'s name)', false);
    }
    let binary;
    try {
      binary = atob(value.slice(ENCODING.length));
    } catch (error) {
      throw new Unreadable('its base64 text is damaged', false);
    }
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    let length = 0;
    try {
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        length += chunk.length;
        if (length > MAX_PROGRESS_BYTES) {
          reader.cancel().catch(() => {});
          throw new Unreadable(`it unpacks to more than ${MAX_PROGRESS_BYTES >> 20} MB`, false);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof Unreadable) throw error;
      throw new Unreadable('its compressed data is damaged', false);
    }
    const whole = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.length;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(whole);
    } catch (error) {
      throw new Unreadable('it is not UTF-8 text', false);
    }
  }

  // ---- Launch ---------------------------------------------------------------------------------------------
  async function start() {
    if (mode === 'cmi5') return startCmi5();
    if (mode !== 'scorm2004') {
      say(`This page was opened for an LMS standard Pathwise does not support (lms=${mode}), so your progress is ` +
        'kept on this device only.');
      return;
    }
    api = findApi();
    if (!api || typeof api.Initialize !== 'function') {
      say('Pathwise was opened from an LMS but cannot find its SCORM 2004 connection (API_1484_11), so the LMS will ' +
        'not see your progress. It is kept on this device only.');
      return;
    }
    status.api = true;
    const initialized = call('Initialize', '');
    if (!initialized.ok) {
      say(`The LMS refused to start this session (${because(initialized.error)}), so it will not see your ` +
        'progress. It is kept on this device only.');
      return;
    }
    status.initialized = true;
    const read = (element) => call('GetValue', element).value;
    launch.learner_id = read('cmi.learner_id');
    launch.learner_name = read('cmi.learner_name');
    launch.entry = read('cmi.entry');
    const saved = read('cmi.suspend_data');
    launch.active = launch.learner_id !== '';
    launch.mirror = launch.active;
    if (!launch.active) say('The LMS did not say who you are (no learner id), so your progress is kept on this device only.');
    if (typeof CompressionStream !== 'function' || typeof DecompressionStream !== 'function') {
      // Without them the LMS's copy can be neither read nor replaced safely.
      launch.mirror = false;
      say('This browser cannot read or write the progress your LMS keeps (it lacks CompressionStream), so your ' +
        'progress is kept on this device only. An up-to-date browser fixes this.');
      return;
    }
    if (launch.active && saved !== '') await takeKept(saved);
  }

  // What the LMS kept for the learner, decoded into launch.progress; unreadable data is reported, and left alone
  // in the LMS when it may be a newer Pathwise's (no writes this session), else replaced by this device's.
  async function takeKept(saved) {
    try {
      launch.progress = await decode(saved);
    } catch (error) {
      const why = error instanceof Unreadable ? error.message : text(error && error.message);
      if (error instanceof Unreadable && error.keep) {
        launch.mirror = false;
        say(`The progress your LMS kept for you could not be read: ${why}. It is left as it is in the LMS, and ` +
          'your answers in this session are kept on this device only.');
      } else {
        console.warn('Pathwise (LMS): unreadable progress as received:', saved.slice(0, 200));
        say(`The progress your LMS kept for you could not be read: ${why}. Your progress on this device is ` +
          'used, and the LMS\'s copy will be replaced by it.');
      }
    }
  }

  // ---- cmi5 (xAPI) --------------------------------------------------------------------------------------------
  const cmi5 = { endpoint: '', auth: '', actor: null, registration: '', activityId: '', template: null,
    launchMode: '', moveOn: '', masteryScore: null, sessionId: '', completed: false };

  // One xAPI request to the LRS, with the token and the version header every call needs (cmi5 8.2.3, xAPI
  // 1.0.3 part 3 section 6.2). `params` go into the query; `body` is sent as JSON unless it is a string.
  function xapi(method, resource, params, body, extra = {}) {
    const url = new URL(resource, cmi5.endpoint);
    for (const [key, value] of Object.entries(params || {})) url.searchParams.set(key, value);
    const headers = { Authorization: cmi5.auth, 'X-Experience-API-Version': XAPI_VERSION };
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return fetch(url, Object.assign({ method, headers, body: payload, credentials: 'omit', cache: 'no-store' }, extra));
  }
  const stateParams = (stateId) => ({ activityId: cmi5.activityId, agent: JSON.stringify(cmi5.actor),
    registration: cmi5.registration, stateId });
  const httpFailure = (response) => `the learning record store answered ${response.status} ${response.statusText}`.trim();

  // A uuid for statement ids (xAPI requires the RFC 4122 form); crypto.randomUUID needs a secure context, which
  // an LMS on http:// is not.
  function uuid() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  function duration() {
    return `PT${Math.max(0, (performance.now() - started) / 1000).toFixed(2)}S`;
  }
  // A cmi5-defined statement (cmi5 9): the LMS's contextTemplate (it holds the publisher id in grouping) with the
  // registration, the cmi5 category (and moveOn's for "completed") and the session id.
  function statement(verb, display, result, moveOn = false) {
    const context = JSON.parse(JSON.stringify(cmi5.template || {}));
    context.registration = cmi5.registration;
    context.contextActivities = context.contextActivities || {};
    const category = Array.isArray(context.contextActivities.category) ? context.contextActivities.category : [];
    category.push({ id: CMI5_CATEGORY, objectType: 'Activity' });
    if (moveOn) category.push({ id: MOVEON_CATEGORY, objectType: 'Activity' });
    context.contextActivities.category = category;
    context.extensions = Object.assign({}, context.extensions, { [SESSION_EXTENSION]: cmi5.sessionId });
    const value = { id: uuid(), actor: cmi5.actor, timestamp: new Date().toISOString(),
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': display } },
      object: { id: cmi5.activityId, objectType: 'Activity' }, context };
    if (result) value.result = result;
    return value;
  }
  async function send(value, extra) {
    const response = await xapi('PUT', 'statements', { statementId: value.id }, value, extra);
    if (!response.ok) throw new Error(httpFailure(response));
    status.cmi5.statements.push(value.verb.id);
  }

  // The launch (cmi5 8.1, 8.2, 10): every parameter checked before anything is asked of the LRS.
  async function startCmi5() {
    const query = new URLSearchParams(window.location.search);
    const missing = ['endpoint', 'fetch', 'registration', 'activityId', 'actor'].filter((name) => !query.get(name));
    const failed = (why) => say(`Pathwise was opened from an LMS (cmi5) but ${why}, so the LMS will not see your ` +
      'progress. It is kept on this device only.');
    if (missing.length) return failed(`the launch address lacks ${missing.join(', ')}`);
    let fetchUrl;
    try {
      cmi5.endpoint = new URL(query.get('endpoint')).href.replace(/\/?$/, '/');
      fetchUrl = new URL(query.get('fetch')).href;
    } catch (error) {
      return failed('the launch address names no valid endpoint or fetch address');
    }
    let actor;
    try {
      actor = JSON.parse(query.get('actor'));
    } catch (error) {
      return failed('the learner in the launch address (actor) is not JSON');
    }
    const account = actor && actor.account;
    const byAccount = account && typeof account.homePage === 'string' && typeof account.name === 'string' &&
      account.name !== '';
    const byMbox = actor && typeof actor.mbox === 'string' && /^mailto:./.test(actor.mbox);
    if (!byAccount && !byMbox) return failed('the learner in the launch address (actor) has no account or mbox');
    cmi5.actor = actor;
    cmi5.registration = query.get('registration');
    cmi5.activityId = query.get('activityId');
    if (typeof CompressionStream !== 'function' || typeof DecompressionStream !== 'function') {
      return failed('this browser cannot read or write the progress your LMS keeps (it lacks CompressionStream)');
    }
    // The token: the fetch address is used once (cmi5 8.2.2); a refusal names its error code.
    let token = null;
    try {
      const response = await fetch(fetchUrl, { method: 'POST', credentials: 'omit', cache: 'no-store' });
      const body = await response.json().catch(() => null);
      if (response.ok && body && typeof body['auth-token'] === 'string' && body['auth-token'] !== '') token = body['auth-token'];
      else if (body && body['error-code'] !== undefined) {
        return failed(`it refused to give this session its token (error ${text(body['error-code'])}` +
          `${body['error-text'] ? `, "${text(body['error-text'])}"` : ''})`);
      } else return failed(`it gave this session no token (${httpFailure(response)})`);
    } catch (error) {
      return failed(`its token address cannot be reached (${text(error && error.message)})`);
    }
    cmi5.auth = `Basic ${token}`;
    // LMS.LaunchData: the context every statement starts from, and how this launch is meant (cmi5 10).
    try {
      const response = await xapi('GET', 'activities/state', stateParams('LMS.LaunchData'));
      const data = response.ok ? await response.json().catch(() => null) : null;
      if (!data || typeof data.contextTemplate !== 'object' || typeof data.launchMode !== 'string') {
        return failed(response.ok ? 'its launch data (LMS.LaunchData) is not readable' :
          `its launch data (LMS.LaunchData) cannot be read (${httpFailure(response)})`);
      }
      cmi5.template = data.contextTemplate;
      cmi5.launchMode = data.launchMode;
      cmi5.moveOn = typeof data.moveOn === 'string' ? data.moveOn : '';
      cmi5.masteryScore = typeof data.masteryScore === 'number' ? data.masteryScore : null;
      const session = data.contextTemplate.extensions && data.contextTemplate.extensions[SESSION_EXTENSION];
      cmi5.sessionId = typeof session === 'string' && session ? session : uuid();
    } catch (error) {
      return failed(`its learning record store cannot be reached (${text(error && error.message)})`);
    }
    status.api = true;
    status.cmi5 = { launchMode: cmi5.launchMode, moveOn: cmi5.moveOn, masteryScore: cmi5.masteryScore,
      sessionId: cmi5.sessionId, statements: [] };
    // What was kept: the progress document (404: nothing yet) and whether "completed" was already sent.
    let saved = '';
    try {
      const response = await xapi('GET', 'activities/state', stateParams(CMI5_PROGRESS_STATE));
      if (response.ok) {
        saved = await response.text();
        if (saved.length > CMI5_PROGRESS_LIMIT * 2) {
          // Not read any further: certainly not ours, and too big to be worth keeping over the device's.
          saved = `(${saved.length} characters)`;
        }
      } else if (response.status !== 404) {
        return failed(`your saved progress cannot be read (${httpFailure(response)})`);
      }
      const completed = await xapi('GET', 'activities/state', stateParams(CMI5_COMPLETED_STATE));
      cmi5.completed = completed.ok;
    } catch (error) {
      return failed(`its learning record store cannot be reached (${text(error && error.message)})`);
    }
    // "initialized" is the first statement of the session (cmi5 9.3.2); without it nothing else may be sent.
    try {
      await send(statement('initialized', 'initialized'));
    } catch (error) {
      return failed(`it did not accept the start of this session (${text(error && error.message)})`);
    }
    status.initialized = true;
    launch.learner_id = byAccount ? `cmi5:account:${account.homePage}|${account.name}` : `cmi5:mbox:${actor.mbox}`;
    launch.learner_name = typeof actor.name === 'string' ? actor.name : '';
    launch.entry = saved ? 'resume' : 'ab-initio';
    launch.active = true;
    launch.mirror = true;
    if (saved) await takeKept(saved);
  }

  async function mirrorCmi5(report, bridge) {
    const total = Number(report.events) || 0;
    const { value, newest, progressText } = await fitProgress(bridge, total, CMI5_PROGRESS_LIMIT);
    if (status.terminated) return;
    const refused = (why) => tell(bridge, `Your LMS did not accept your progress (${why}). It is kept on this ` +
      'device; the LMS will get it with your next answer if it accepts it then.');
    try {
      const response = await xapi('PUT', 'activities/state', stateParams(CMI5_PROGRESS_STATE), value);
      if (!response.ok) return refused(httpFailure(response));
      const course = report.course;
      // moveOn "Completed": every skill mastered is the course completed, said once per registration and only
      // in Normal mode (cmi5 9.3.3, 10.2.2: no completion in Browse or Review).
      if (course && course.skills > 0 && course.mastered >= course.skills && !cmi5.completed &&
          cmi5.launchMode === 'Normal') {
        await send(statement('completed', 'completed', { completion: true, duration: duration() }, true));
        cmi5.completed = true;
        const marked = await xapi('PUT', 'activities/state', stateParams(CMI5_COMPLETED_STATE), 'true');
        if (!marked.ok) return refused(httpFailure(marked));
      }
    } catch (error) {
      return refused(text(error && error.message));
    }
    status.mirrors += 1;
    status.lastMirror = { characters: value.length, events: Math.min(newest, total), total, bytes: progressText.length };
    tell(bridge, keptSentence(newest, total, CMI5_PROGRESS_LIMIT));
  }

  // The last statement (cmi5 9.3.8): sent with keepalive, so the browser delivers it after the page is gone.
  function terminateCmi5() {
    send(statement('terminated', 'terminated', { duration: duration() }), { keepalive: true }).catch((error) => {
      console.warn(`Pathwise (LMS): "terminated" was not sent: ${text(error && error.message)}`);
    });
  }

  const ready = start().catch((error) => {
    say(`Pathwise could not talk to the LMS (${text(error && error.message)}); your progress is kept on this device only.`);
  }).then(() => {
    launch.notice = notices.join(' ');
    status.launch = Object.assign({}, launch, { progress: launch.progress ? `${launch.progress.length} characters` : '' });
  });

  // ---- Progress to the LMS ------------------------------------------------------------------------------------
  let pending = null;
  let running = false;
  let lastNotice = '';

  function progressChanged(report, bridge) {
    if (!launch.mirror || !status.initialized || status.terminated) return;
    pending = { report, bridge };
    if (!running) run();
  }
  async function run() {
    running = true;
    while (pending) {
      const job = pending;
      pending = null;
      try {
        await mirror(job.report, job.bridge);
      } catch (error) {
        console.error('Pathwise (LMS): could not write progress to the LMS:', error);
      }
    }
    running = false;
  }
  function tell(bridge, sentence) {
    if (sentence === lastNotice) return;
    lastNotice = sentence;
    if (sentence) console.warn(`Pathwise (LMS): ${sentence}`);
    bridge.notice(sentence);
  }

  // The learner's progress encoded in at most `limit` characters: the whole history (asked as "all": more events
  // may have been saved since the report was made), or when too long the newest events that fit. The next try is
  // sized from the last one's characters per event, a little under, so two or three tries are enough; each result
  // is a whole, valid progress file.
  async function fitProgress(bridge, total, limit) {
    let newest = total;
    let progressText = bridge.exportProgress(Number.MAX_SAFE_INTEGER);
    let value = await encode(progressText);
    while (value.length > limit && newest > 0) {
      newest = Math.max(0, Math.min(newest - 1, Math.floor(newest * (limit / value.length) * 0.97)));
      progressText = bridge.exportProgress(newest);
      value = await encode(progressText);
    }
    return { value, newest, progressText };
  }
  // What the learner is told once the LMS holds their progress: nothing, or that it holds only the newest events.
  function keptSentence(newest, total, limit) {
    return newest < total
      ? `Your LMS can keep only ${limit.toLocaleString('en')} characters of progress, so it holds your ` +
        `newest ${newest.toLocaleString('en')} of ${total.toLocaleString('en')} saved events; all of them are kept ` +
        'on this device (Settings, "Download my progress", saves them all).'
      : '';
  }

  async function mirror(report, bridge) {
    if (mode === 'cmi5') return mirrorCmi5(report, bridge);
    const total = Number(report.events) || 0;
    const { value, newest, progressText } = await fitProgress(bridge, total, SUSPEND_DATA_LIMIT);
    if (status.terminated) return;  // the page went away meanwhile: the LMS session is over
    if (value.length > SUSPEND_DATA_LIMIT) {
      tell(bridge, 'Your progress cannot be stored in your LMS (even without any answers it is too long). It is ' +
        'kept on this device.');
      return;
    }
    const writes = [['cmi.suspend_data', value]];
    const course = report.course;
    if (course && course.skills > 0) {
      // The course's measure: the share of its skills mastered (BKT). Complete, and passed, when all are.
      const measure = Math.min(1, Math.max(0, course.mastered / course.skills));
      const all = course.mastered >= course.skills;
      writes.push(['cmi.completion_status', all ? 'completed' : 'incomplete']);
      writes.push(['cmi.progress_measure', measure.toFixed(4)]);
      writes.push(['cmi.score.scaled', measure.toFixed(4)]);
      writes.push(['cmi.success_status', all ? 'passed' : 'unknown']);
    }
    writes.push(['cmi.exit', 'suspend']);  // the learner can always come back to it
    for (const [element, data] of writes) {
      const result = call('SetValue', element, data);
      if (!result.ok) {
        tell(bridge, `Your LMS did not accept your progress (${element}: ${because(result.error)}). It is kept on ` +
          'this device; the LMS will get it with your next answer if it accepts it then.');
        return;
      }
    }
    const committed = call('Commit', '');
    if (!committed.ok) {
      tell(bridge, `Your LMS did not save your progress (${because(committed.error)}). It is kept on this device; the ` +
        'LMS will get it with your next answer if it accepts it then.');
      return;
    }
    status.mirrors += 1;
    status.lastMirror = { characters: value.length, events: Math.min(newest, total), total, bytes: progressText.length };
    tell(bridge, keptSentence(newest, total, SUSPEND_DATA_LIMIT));
  }

  // ---- The end of the session ---------------------------------------------------------------------------------
  const started = performance.now();
  // cmi.session_time is an ISO 8601 duration (RTE 4.2.23, timeinterval (second, 10, 2)).
  function sessionTime() {
    let seconds = Math.max(0, (performance.now() - started) / 1000);
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    return `PT${hours}H${minutes}M${seconds.toFixed(2)}S`;
  }
  // The progress itself was written after each saved event (compressing takes a promise, which a page being
  // hidden cannot wait for); here the session is closed. Only once, and only a session that was started.
  window.addEventListener('pagehide', () => {
    if (!status.initialized || status.terminated) return;
    status.terminated = true;
    if (mode === 'cmi5') terminateCmi5();
    else endSession();
  });
  function endSession() {
    call('SetValue', 'cmi.exit', 'suspend');
    call('SetValue', 'cmi.session_time', sessionTime());
    call('Commit', '');
    call('Terminate', '');
  }

  window.PathwiseLms = {
    active: true,
    ready,
    launch: () => launch,
    progressChanged,
    status: () => structuredClone(status),
  };
})();
