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
    if (launch.active && saved !== '') {
      try {
        launch.progress = await decode(saved);
      } catch (error) {
        const why = error instanceof Unreadable ? error.message : text(error && error.message);
        if (error instanceof Unreadable && error.keep) {
          launch.mirror = false;
          say(`The progress your LMS kept for you could not be read: ${why}. It is left as it is in the LMS, and ` +
            'your answers in this session are kept on this device only.');
        } else {
          console.warn('Pathwise (LMS): unreadable cmi.suspend_data as received:', saved.slice(0, 200));
          say(`The progress your LMS kept for you could not be read: ${why}. Your progress on this device is ` +
            'used, and the LMS\'s copy will be replaced by it.');
        }
      }
    }
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

  async function mirror(report, bridge) {
    const total = Number(report.events) || 0;
    // First the whole history (asked as "all": more events may have been saved since the report was made).
    let newest = total;
    let progressText = bridge.exportProgress(Number.MAX_SAFE_INTEGER);
    let value = await encode(progressText);
    // Too long: the newest events that fit. The next try is sized from the last one's characters per event,
    // a little under, so two or three tries are enough; each result is a whole, valid progress file.
    while (value.length > SUSPEND_DATA_LIMIT && newest > 0) {
      newest = Math.max(0, Math.min(newest - 1, Math.floor(newest * (SUSPEND_DATA_LIMIT / value.length) * 0.97)));
      progressText = bridge.exportProgress(newest);
      value = await encode(progressText);
    }
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
    tell(bridge, newest < total
      ? `Your LMS can keep only ${SUSPEND_DATA_LIMIT.toLocaleString('en')} characters of progress, so it holds your ` +
        `newest ${newest.toLocaleString('en')} of ${total.toLocaleString('en')} saved events; all of them are kept ` +
        'on this device (Settings, "Download my ' +
        'progress", saves them all).'
      : '');
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
    endSession();
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
