// Calls from C++ into the page (Emscripten JS library, 3.1.6 syntax). Each forwards to `Module.shell`, the
// object shell/loader.js hands to createPathwise(): the web page owns the DOM, the wasm only asks.
mergeInto(LibraryManager.library, {
  // The active text field changed: show (or hide) the phone keyboard, with the caret at x, y (physical px);
  // `numeric`: the field takes a number, so the phone shows its numeric keyboard.
  pw_js_text_input: function (active, x, y, lineHeight, numeric) {
    Module['shell'].textInput(!!active, x, y, lineHeight, numeric ? 'decimal' : 'text');
  },
  // ImGui copied text (Ctrl+C / Ctrl+X in a text field).
  pw_js_set_clipboard: function (text) {
    Module['shell'].setClipboard(UTF8ToString(text));
  },
  // The app asks for the course catalog again (after a failure, the user pressed "Try again").
  pw_js_request_catalog: function () {
    Module['shell'].requestCatalog();
  },
  // The app wants a course bundle (a path relative to content/, from the catalog).
  pw_js_request_bundle: function (path) {
    Module['shell'].requestBundle(UTF8ToString(path));
  },
  // The CSS cursor for the canvas ("default", "pointer", "text", ...).
  pw_js_set_cursor: function (cursor) {
    Module['shell'].setCursor(UTF8ToString(cursor));
  },
  // A frame was rendered (the shell counts and times them for the test hook and the benchmark).
  pw_js_frame_rendered: function (frame) {
    Module['shell'].frameRendered(frame);
  },
  // Start-up failed in C++ (no WebGL 2 context): the shell shows the message instead of a blank canvas.
  pw_js_fatal: function (message) {
    Module['shell'].fatal(UTF8ToString(message));
  },

  // ---- Learner records: client/web/web_store.h on shell/storage.js (Module['shell'].storage) ----------------
  // Strings cross in UTF-8 with explicit lengths, in both directions. Wasm to JS: decoded once from the wasm
  // memory (a TextDecoder that refuses invalid UTF-8, since a record must come back byte for byte). JS to wasm:
  // encoded straight into a std::string that C++ sized for it (pw_store_text_buffer), so a megabyte snapshot is
  // copied once. Each call has a ticket; its answer is pw_store_record/pw_store_profile calls followed by one
  // pw_store_done, all in one synchronous run. Sequences travel as Numbers (C++ refuses those >= 2^53).
  $pwStore__deps: ['malloc', 'free'],
  $pwStore: {
    kinds: [null, 'journal', 'snapshot', 'quarantined'],   // index = C++ RecordKind
    failures: { unavailable: 1, quota_exceeded: 2, version_change: 3, failed: 4 },  // C++ StoreFailure
    decoder: null,
    encoder: null,
    writes: {},          // ticket -> {profile, puts, deletes} being assembled
    listening: false,    // C++ has an observer: other tabs' writes are worth copying into the wasm
    detach: null,
    text: function (pointer, length) {
      if (!pwStore.decoder) pwStore.decoder = new TextDecoder('utf-8', { fatal: true });
      return pwStore.decoder.decode(HEAPU8.subarray(pointer, pointer + length));
    },
    // Calls fn(pointer, length) with `text` as UTF-8 in a temporary wasm buffer (small strings: ids, messages).
    withUtf8: function (text, fn) {
      var length = lengthBytesUTF8(text);
      var pointer = _malloc(length + 1);
      try {
        stringToUTF8(text, pointer, length + 1);
        return fn(pointer, length);
      } finally {
        _free(pointer);
      }
    },
    // Encodes `text` into the std::string C++ reserves for the next record of `ticket`; returns the bytes
    // written (lengthBytesUTF8 is an upper bound: it counts a lone surrogate as 4 bytes, encodeInto writes 3).
    sendText: function (ticket, text) {
      var capacity = lengthBytesUTF8(text);
      var pointer = _pw_store_text_buffer(ticket, capacity);
      if (capacity === 0) return 0;
      if (!pwStore.encoder) pwStore.encoder = new TextEncoder();
      return pwStore.encoder.encodeInto(text, HEAPU8.subarray(pointer, pointer + capacity)).written;
    },
    sendRecord: function (ticket, record, deleted) {
      var kind = pwStore.kinds.indexOf(record.kind);
      if (kind < 1 || typeof record.writer !== 'string' || !Number.isSafeInteger(record.sequence) ||
          record.sequence < 0) {
        // Not something this version wrote (nor can represent): it stays in IndexedDB, untouched, unread.
        console.error('Pathwise skipped a stored record with a key it cannot read:', record.kind, record.writer,
                      record.sequence);
        return;
      }
      if (deleted) {
        pwStore.withUtf8(record.writer, function (writer, length) {
          _pw_store_deleted(ticket, kind, writer, length, record.sequence);
        });
      } else {
        var textLength = pwStore.sendText(ticket, typeof record.text === 'string' ? record.text : '');
        pwStore.withUtf8(record.writer, function (writer, length) {
          _pw_store_record(ticket, kind, writer, length, record.sequence, textLength);
        });
      }
    },
    done: function (ticket, error) {
      var code = error ? (pwStore.failures[error.code] || pwStore.failures.failed) : 0;
      var message = error ? (error.message || String(error)) : '';
      pwStore.withUtf8(message, function (pointer, length) { _pw_store_done(ticket, code, pointer, length); });
    },
    // Settles `ticket` from a promise; `deliver(value)` hands a successful result to C++ first. A failure while
    // handing it over (memory exhausted) still ends the call, as a failure.
    settle: function (ticket, promise, deliver) {
      promise.then(function (value) {
        try {
          if (deliver) deliver(value);
        } catch (error) {
          pwStore.done(ticket, { code: 'failed', message: 'Saved progress could not be handed to the app (' +
                                 (error && error.message) + ').' });
          return;
        }
        pwStore.done(ticket, null);
      }, function (error) {
        pwStore.done(ticket, error);
      });
    },
  },

  pw_js_store_attach__deps: ['$pwStore'],
  pw_js_store_attach: function () {
    var shell = Module['shell'];
    pwStore.detach = shell.storage.observe({
      writtenElsewhere: function (profile, puts, deletes) {
        if (!pwStore.listening) return;
        puts.forEach(function (put) { pwStore.sendRecord(0, put, false); });
        deletes.forEach(function (key) { pwStore.sendRecord(0, key, true); });
        pwStore.withUtf8(profile, function (pointer, length) { _pw_store_written_elsewhere(0, pointer, length); });
        shell.storageNotice('writtenElsewhere');
      },
      profilesChangedElsewhere: function () {
        _pw_store_profiles_changed_elsewhere();
        shell.storageNotice('profilesChangedElsewhere');
      },
      lost: function (code, message) {
        pwStore.withUtf8(message, function (pointer, length) {
          _pw_store_lost(pwStore.failures[code] || pwStore.failures.failed, pointer, length);
        });
        shell.storageNotice('lost');
      },
    });
  },
  pw_js_store_detach__deps: ['$pwStore'],
  pw_js_store_detach: function () {
    if (pwStore.detach) pwStore.detach();
    pwStore.detach = null;
  },
  pw_js_store_set_listening__deps: ['$pwStore'],
  pw_js_store_set_listening: function (listening) {
    pwStore.listening = !!listening;
  },
  pw_js_store_load_profiles__deps: ['$pwStore'],
  pw_js_store_load_profiles: function (ticket) {
    pwStore.settle(ticket, Module['shell'].storage.loadProfiles(), function (profiles) {
      profiles.forEach(function (entry) {
        var textLength = pwStore.sendText(ticket, typeof entry.text === 'string' ? entry.text : '');
        pwStore.withUtf8(String(entry.profile), function (pointer, length) {
          _pw_store_profile(ticket, pointer, length, textLength);
        });
      });
    });
  },
  pw_js_store_load__deps: ['$pwStore'],
  pw_js_store_load: function (ticket, profile, profileLength) {
    var load;
    try {
      load = Module['shell'].storage.load(pwStore.text(profile, profileLength));
    } catch (error) {
      load = Promise.reject({ code: 'failed', message: 'The profile id is not valid UTF-8 (' + error.message + ').' });
    }
    pwStore.settle(ticket, load, function (records) {
      records.forEach(function (record) { pwStore.sendRecord(ticket, record, false); });
    });
  },
  pw_js_store_write_begin__deps: ['$pwStore'],
  pw_js_store_write_begin: function (ticket, profile, profileLength) {
    var write = { profile: null, puts: [], deletes: [], error: null };
    pwStore.writes[ticket] = write;
    try {
      write.profile = pwStore.text(profile, profileLength);
    } catch (error) {
      write.error = error;
    }
  },
  pw_js_store_write_put__deps: ['$pwStore'],
  pw_js_store_write_put: function (ticket, kind, writer, writerLength, sequence, text, textLength) {
    var write = pwStore.writes[ticket];
    if (write.error) return;
    try {
      write.puts.push({ kind: pwStore.kinds[kind], writer: pwStore.text(writer, writerLength), sequence: sequence,
                        text: pwStore.text(text, textLength) });
    } catch (error) {
      write.error = error;
    }
  },
  pw_js_store_write_delete__deps: ['$pwStore'],
  pw_js_store_write_delete: function (ticket, kind, writer, writerLength, sequence) {
    var write = pwStore.writes[ticket];
    if (write.error) return;
    try {
      write.deletes.push({ kind: pwStore.kinds[kind], writer: pwStore.text(writer, writerLength), sequence: sequence });
    } catch (error) {
      write.error = error;
    }
  },
  pw_js_store_write_commit__deps: ['$pwStore'],
  pw_js_store_write_commit: function (ticket) {
    var write = pwStore.writes[ticket];
    delete pwStore.writes[ticket];
    pwStore.settle(ticket, write.error
      ? Promise.reject({ code: 'failed', message: 'Nothing was saved: a record is not valid UTF-8 (' +
                         write.error.message + ').' })
      : Module['shell'].storage.write(write.profile, write.puts, write.deletes));
  },
  pw_js_store_put_profile__deps: ['$pwStore'],
  pw_js_store_put_profile: function (ticket, profile, profileLength, text, textLength) {
    var put;
    try {
      put = Module['shell'].storage.putProfile(pwStore.text(profile, profileLength), pwStore.text(text, textLength));
    } catch (error) {
      put = Promise.reject({ code: 'failed', message: 'Nothing was saved: the profile is not valid UTF-8 (' +
                             error.message + ').' });
    }
    pwStore.settle(ticket, put);
  },
  pw_js_store_delete_profile__deps: ['$pwStore'],
  pw_js_store_delete_profile: function (ticket, profile, profileLength) {
    var removal;
    try {
      removal = Module['shell'].storage.deleteProfile(pwStore.text(profile, profileLength));
    } catch (error) {
      removal = Promise.reject({ code: 'failed', message: 'The profile id is not valid UTF-8 (' + error.message + ').' });
    }
    pwStore.settle(ticket, removal);
  },

  // ---- The platform: client/web/web_platform.h --------------------------------------------------------------
  // Fills `length` bytes at `pointer` with cryptographically strong random bits.
  pw_js_random_fill: function (pointer, length) {
    crypto.getRandomValues(HEAPU8.subarray(pointer, pointer + length));
  },
  // Offers the bytes as a downloaded file (copied out of the wasm memory, which may move).
  pw_js_download: function (name, mimeType, bytes, length) {
    Module['shell'].offerDownload(UTF8ToString(name), UTF8ToString(mimeType), HEAPU8.slice(bytes, bytes + length));
  },
  // Opens the file picker; the chosen file's bytes go straight into the wasm memory for App::import_file_chosen.
  pw_js_choose_file_to_import__deps: ['$pwStore'],
  pw_js_choose_file_to_import: function () {
    Module['shell'].chooseFileToImport(function (name, bytes) {
      var pointer = _malloc(Math.max(bytes.length, 1));
      try {
        HEAPU8.set(bytes, pointer);
        pwStore.withUtf8(name, function (namePointer, nameLength) {
          _pw_import_file_chosen(namePointer, nameLength, pointer, bytes.length);
        });
      } finally {
        _free(pointer);
      }
    });
  },
  // navigator.storage: asks for persistence first when `persist` is set; the answer goes to App::storage_estimated.
  pw_js_estimate_storage: function (persist) {
    var storage = Module['shell'].storage;  // null only when storage.js failed to load
    var answer = storage ? (persist ? storage.persist() : storage.estimate()) : Promise.resolve({ known: false });
    answer.then(function (estimate) {
      _pw_storage_estimated(estimate.known ? 1 : 0, estimate.persisted ? 1 : 0, estimate.usage, estimate.quota);
    });
  },
  pw_js_reload: function () {
    Module['shell'].reload();
  },

  // ---- Offline use: shell/offline.js through the loader (answers: _pw_offline_support, _pw_offline_course) ---
  pw_js_apply_update: function (fragment) {
    var shell = Module['shell'];
    if (shell.applyUpdate) shell.applyUpdate(UTF8ToString(fragment));
    else shell.reload();
  },
  // `action`: 0 check, 1 save, 2 remove (web_platform.cpp); `files`: a JSON array of paths in the site.
  pw_js_offline_course: function (action, course, files) {
    var shell = Module['shell'];
    var name = UTF8ToString(course);
    var paths = JSON.parse(UTF8ToString(files));
    var call = [shell.checkOfflineCourse, shell.saveCourseOffline, shell.removeOfflineCourse][action];
    if (call) call(name, paths);
  },
  // The pictures and videos to show over the canvas this frame, as JSON (web_platform.cpp documents it); the
  // shell's media layer (shell/media.js) places them.
  pw_js_place_media: function (json) {
    Module['shell'].placeMedia(UTF8ToString(json));
  },

  // ---- Display preferences: client/app/preferences.h -------------------------------------------------------
  // The device's wishes as bits: 1 prefers a dark colour scheme, 2 more contrast (or forced colours), 4 reduced
  // motion. (A page whose shell predates these answers 0: no wishes.)
  pw_js_display_hints: function () {
    var shell = Module['shell'];
    return shell.displayHints ? shell.displayHints() : 0;
  },
  // The stored preferences as a malloc'd UTF-8 string that C++ frees, or 0 when there are none.
  pw_js_load_display_preferences__deps: ['malloc'],
  pw_js_load_display_preferences: function () {
    var shell = Module['shell'];
    var text = shell.loadDisplayPreferences ? shell.loadDisplayPreferences() : '';
    if (typeof text !== 'string' || text === '') return 0;
    var size = lengthBytesUTF8(text) + 1;
    var pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
  },
  pw_js_save_display_preferences: function (text) {
    var shell = Module['shell'];
    if (shell.saveDisplayPreferences) shell.saveDisplayPreferences(UTF8ToString(text));
  },

  // ---- Inside an LMS: shell/lms.js (window.PathwiseLms) ----------------------------------------------------
  // What lms.js learned at launch (learner, decoded suspend_data, notice; client/app/lms.h), as a malloc'd
  // UTF-8 JSON string that C++ frees, or 0 on a page without lms.js.
  pw_js_lms_launch__deps: ['malloc'],
  pw_js_lms_launch: function () {
    var lms = window['PathwiseLms'];
    if (!lms || typeof lms.launch !== 'function') return 0;
    var text = JSON.stringify(lms.launch());
    var size = lengthBytesUTF8(text) + 1;
    var pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
  },
  // A learning event was saved: lms.js writes the progress (exported on demand, the newest events that fit)
  // and the statuses to the LMS, and may answer with a notice for the learner.
  pw_js_lms_progress__deps: ['$pwStore'],
  pw_js_lms_progress: function (json) {
    var lms = window['PathwiseLms'];
    if (!lms || typeof lms.progressChanged !== 'function') return;
    lms.progressChanged(JSON.parse(UTF8ToString(json)), {
      exportProgress: function (newest) { return UTF8ToString(_pw_lms_progress_text(newest)); },
      notice: function (text) {
        pwStore.withUtf8(String(text), function (pointer) { _pw_lms_mirror_notice(pointer); });
      },
    });
  },
});
