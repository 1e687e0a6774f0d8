// Learner records in the browser's IndexedDB: the JavaScript half of client/web/web_store.h (which reaches it
// through client/web/library_pathwise.js), usable on its own from the console and the browser tests.
// A plain script: it defines window.PathwiseStorage and is loaded before loader.js.
//
// Database `pathwise`, version 1, two object stores with out-of-line keys and string values:
//   profiles  key: the profile id (string)                         value: the profile record's text
//   records   key: [profile, kind, writer, sequence]               value: the record's text
//             kind is 'journal', 'snapshot' or 'quarantined'; writer a string; sequence an integer Number.
// Every record of a profile lies between the keys [profile] and [profile, []] (an array sorts after every
// string and number), so loading or deleting a profile is one key range; no index is needed.
//
// API. Every call returns a promise. Failures reject with a StorageError {code, message}, where code is
// 'unavailable' (no storage in this browser, or open() not called), 'quota_exceeded', 'version_change'
// (another tab upgraded or deleted the database: reload) or 'failed', and message is one plain sentence ending
// with the browser's own error name and message. A failed call changed nothing (each call is one transaction).
//   open()                   -> {available, reason}. Never rejects; calling it again returns the same answer.
//   loadProfiles()           -> [{profile, text}] in profile id order.
//   load(profile)            -> [{kind, writer, sequence, text}]: journal, then snapshot, then quarantined
//                               records (the C++ RecordKind order), each kind in [writer, sequence] order.
//   write(profile, puts, deletes)  puts [{kind, writer, sequence, text}], deletes [{kind, writer, sequence}]:
//                               one readwrite transaction with durability 'strict', resolved on its `complete`
//                               event only (the data is then on disk). Deletes apply before puts. Writes run in
//                               call order (IndexedDB queues overlapping readwrite transactions).
//   putProfile(profile, text), deleteProfile(profile)  (the profile and all its records, one transaction).
//   observe({writtenElsewhere(profile, puts, deletes), profilesChangedElsewhere(), lost(code, message)})
//                            -> a function that stops observing. Any member may be left out.
//   status()                 -> {available, reason, lost: null | {code, message}, lastError: null | {code, message}}
//   estimate()               -> {known, persisted, usage, quota} from navigator.storage (known false if absent).
//   persist()                -> asks navigator.storage.persist(), then answers like estimate().
//
// Other tabs. After each successful write, putProfile or deleteProfile a message goes out on the
// BroadcastChannel 'pathwise-records': {profile, puts, deletes} (texts included) or {profilesChanged: true}.
// Messages from other tabs reach the observers; a tab does not hear its own. Without BroadcastChannel (Safari
// before 15.4) tabs simply do not hear of each other.
//
// Sequences are C++ uint64 event counters carried as Numbers: only safe integers (< 2^53) are accepted; the C++
// side refuses larger ones before they get here.
'use strict';

// eslint-disable-next-line no-unused-vars
const PathwiseStorage = (() => {
  const DATABASE = 'pathwise';
  const VERSION = 1;
  const CHANNEL = 'pathwise-records';
  const KINDS = ['journal', 'snapshot', 'quarantined'];  // the C++ RecordKind order, which load() follows
  // A browser that never answers an open request (seen in old Safari) must not keep the page loading forever:
  // the session then runs in memory and says so.
  const OPEN_TIMEOUT_MS = 10000;

  class StorageError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'StorageError';
      this.code = code;
    }
  }

  let opening = null;        // the promise open() returns, once started
  let database = null;       // the IDBDatabase while usable
  let opened = false;        // open() succeeded (stays true after the database is lost)
  let unavailableReason = '';
  let lost = null;           // {code, message} once the database was taken away
  let lastError = null;      // the last failure any call reported, for the test hook and the console
  let channel = null;
  const observers = new Set();

  const describe = (error) => {
    if (!error) return 'no reason given';
    const name = error.name || 'Error';
    return error.message ? `${name}: ${error.message}` : name;
  };

  function notify(member, ...args) {
    for (const observer of Array.from(observers)) {
      if (typeof observer[member] !== 'function') continue;
      try {
        observer[member](...args);
      } catch (error) {
        console.error(`PathwiseStorage observer ${member} failed:`, error);
      }
    }
  }

  function failure(code, message) {
    const error = new StorageError(code, message);
    lastError = { code, message };
    return error;
  }

  // A DOMException (or a thrown error) as a StorageError; `what` completes "… could not be <what>".
  function failureFrom(error, what) {
    if (error instanceof StorageError) {
      lastError = { code: error.code, message: error.message };
      return error;
    }
    if (error && error.name === 'QuotaExceededError') {
      return failure('quota_exceeded',
        `The browser has no more room for this site's data, so progress could not be ${what} (${describe(error)}).`);
    }
    return failure('failed', `Progress could not be ${what} (${describe(error)}).`);
  }

  function markLost(code, message) {
    if (lost) return;
    lost = { code, message };
    lastError = { code, message };
    database = null;
    if (channel) {
      channel.close();
      channel = null;
    }
    notify('lost', code, message);
  }

  // ---- Opening -------------------------------------------------------------------------------------------------
  function openDatabase() {
    return new Promise((resolve, reject) => {
      // Opened from a file (pathwise-offline.html on a disk or USB stick): Chromium keeps IndexedDB for file://
      // pages, shared by every page opened from files in that browser profile; browsers that keep none refuse
      // below, and the app then runs in memory and says so.
      const fromFile = window.location.protocol === 'file:';
      const fileNote = fromFile ? ' Pathwise was opened as a file on this computer; open it from a web server ' +
        'to keep progress in this browser.' : '';
      let factory;
      try {
        factory = window.indexedDB;
      } catch (error) {  // Chrome and Firefox throw here when the user blocks site data
        reject(new Error(`This browser blocks saved data for this site (${describe(error)}).` + fileNote));
        return;
      }
      if (!factory) {
        reject(new Error('This browser offers no storage for saved progress (IndexedDB is missing or turned off).' + fileNote));
        return;
      }
      let request;
      try {
        request = factory.open(DATABASE, VERSION);
      } catch (error) {
        reject(new Error(`The browser refused to open saved progress; private browsing can do this (${describe(error)}).` + fileNote));
        return;
      }
      let settled = false;
      let blocked = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new Error(blocked
          ? 'Saved progress is held by another Pathwise tab; close the other tabs and reload this page.'
          : `The browser did not open saved progress within ${OPEN_TIMEOUT_MS / 1000} seconds.`));
      }, OPEN_TIMEOUT_MS);
      request.onupgradeneeded = (event) => {
        const db = request.result;
        if (event.oldVersion < 1) {
          db.createObjectStore('profiles');
          db.createObjectStore('records');
        }
      };
      request.onblocked = () => { blocked = true; };
      request.onsuccess = () => {
        const db = request.result;
        if (settled) {  // too late: the page already runs in memory; do not hold a connection that blocks others
          db.close();
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(db);
      };
      request.onerror = (event) => {
        event.preventDefault();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const error = request.error;
        reject(new Error(error && error.name === 'VersionError'
          ? 'A newer version of Pathwise has stored progress in this browser; reload the page to get it.'
          : `The browser refused to open saved progress; private browsing or a full disk can do this (${describe(error)}).`));
      };
    });
  }

  function listen(db) {
    db.onversionchange = (event) => {
      db.close();  // transactions already started still finish; the newer tab can then upgrade
      markLost('version_change', event.newVersion === null
        ? 'Saved progress was deleted in another tab or by the browser; reload the page.'
        : 'A newer version of Pathwise was opened in another tab; reload this page to continue.');
    };
    // Fired when the browser closes the connection itself (site data cleared, disk failure).
    db.onclose = () => markLost('failed', 'The browser closed saved progress unexpectedly; reload the page.');
    if (typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (event) => {
        const message = event.data;
        if (lost || !message || typeof message !== 'object') return;
        if (message.profilesChanged === true) {
          notify('profilesChangedElsewhere');
        } else if (typeof message.profile === 'string' && Array.isArray(message.puts) &&
                   Array.isArray(message.deletes)) {
          notify('writtenElsewhere', message.profile, message.puts, message.deletes);
        }
      };
    }
  }

  function open() {
    if (!opening) {
      opening = openDatabase().then((db) => {
        database = db;
        opened = true;
        listen(db);
        return { available: true, reason: '' };
      }, (error) => {
        unavailableReason = error.message;
        return { available: false, reason: unavailableReason };
      });
    }
    return opening;
  }

  // The open database, or a rejection saying why there is none.
  function usable() {
    if (lost) return Promise.reject(failure(lost.code, lost.message));
    if (!database) {
      return Promise.reject(failure('unavailable', unavailableReason ||
        'Saved progress is not open (PathwiseStorage.open() has not finished).'));
    }
    return Promise.resolve(database);
  }

  // ---- Keys and values -------------------------------------------------------------------------------------
  function checkProfile(profile) {
    if (typeof profile !== 'string') throw new StorageError('failed', `A profile id must be a string, not ${typeof profile}.`);
    return profile;
  }

  function recordKey(profile, key) {
    if (!key || !KINDS.includes(key.kind)) {
      throw new StorageError('failed', `Unknown record kind ${JSON.stringify(key && key.kind)}.`);
    }
    if (typeof key.writer !== 'string') throw new StorageError('failed', 'A record writer must be a string.');
    if (!Number.isSafeInteger(key.sequence) || key.sequence < 0) {
      throw new StorageError('failed', `A record sequence must be an integer from 0 to 2^53 - 1, not ${key.sequence}.`);
    }
    return [profile, key.kind, key.writer, key.sequence];
  }

  // ---- Transactions ----------------------------------------------------------------------------------------
  // Runs `fill(transaction)` in one readwrite transaction; resolves once it is durable (`complete`). Anything
  // `fill` throws aborts the transaction, so requests it already made are rolled back too.
  function change(stores, fill, what) {
    return usable().then((db) => new Promise((resolve, reject) => {
      let transaction;
      try {
        transaction = db.transaction(stores, 'readwrite', { durability: 'strict' });
      } catch (error) {
        reject(failureFrom(error, what));
        return;
      }
      let thrown = null;
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(failureFrom(thrown || transaction.error, what));
      // A failing request bubbles an error event to the transaction, which then aborts: `abort` reports it.
      try {
        fill(transaction);
      } catch (error) {
        thrown = error;
        try { transaction.abort(); } catch (ignored) { /* already finished */ }
      }
    }));
  }

  function read(stores, collect, what) {
    return usable().then((db) => new Promise((resolve, reject) => {
      let transaction;
      try {
        transaction = db.transaction(stores, 'readonly');
      } catch (error) {
        reject(failureFrom(error, what));
        return;
      }
      let finish;
      try {
        finish = collect(transaction);
      } catch (error) {
        try { transaction.abort(); } catch (ignored) { /* already finished */ }
        reject(failureFrom(error, what));
        return;
      }
      transaction.oncomplete = () => {
        try {
          resolve(finish());
        } catch (error) {
          reject(failureFrom(error, what));
        }
      };
      transaction.onabort = () => reject(failureFrom(transaction.error, what));
    }));
  }

  function broadcast(message) {
    if (!channel) return;
    try {
      channel.postMessage(message);
    } catch (error) {  // the data is saved already; only other tabs miss the news
      console.error('PathwiseStorage could not tell other tabs about a write:', error);
    }
  }

  // ---- The API ---------------------------------------------------------------------------------------------
  function loadProfiles() {
    return read(['profiles'], (transaction) => {
      const store = transaction.objectStore('profiles');
      const keys = store.getAllKeys();
      const values = store.getAll();
      return () => keys.result.map((profile, index) => ({ profile, text: values.result[index] }));
    }, 'loaded');
  }

  function load(profile) {
    return Promise.resolve().then(() => checkProfile(profile)).then(() => read(['records'], (transaction) => {
      const store = transaction.objectStore('records');
      const requests = KINDS.map((kind) => {
        const range = IDBKeyRange.bound([profile, kind], [profile, kind, []]);
        return { keys: store.getAllKeys(range), values: store.getAll(range) };
      });
      return () => {
        const records = [];
        for (const { keys, values } of requests) {
          keys.result.forEach((key, index) => {
            records.push({ kind: key[1], writer: key[2], sequence: key[3], text: values.result[index] });
          });
        }
        return records;
      };
    }, 'loaded')).catch((error) => Promise.reject(failureFrom(error, 'loaded')));
  }

  function write(profile, puts, deletes) {
    const what = 'saved';
    let message;
    return Promise.resolve().then(() => {
      checkProfile(profile);
      if (!Array.isArray(puts) || !Array.isArray(deletes)) {
        throw new StorageError('failed', 'write() needs an array of puts and an array of deletes.');
      }
      // Plain copies: what is broadcast is exactly what was written, whatever else the caller's objects hold.
      message = {
        profile,
        puts: puts.map((put) => ({ kind: put.kind, writer: put.writer, sequence: put.sequence, text: put.text })),
        deletes: deletes.map((key) => ({ kind: key.kind, writer: key.writer, sequence: key.sequence })),
      };
      return change(['records'], (transaction) => {
        const store = transaction.objectStore('records');
        for (const key of message.deletes) store.delete(recordKey(profile, key));
        for (const put of message.puts) {
          if (typeof put.text !== 'string') throw new StorageError('failed', 'A record text must be a string.');
          store.put(put.text, recordKey(profile, put));
        }
      }, what);
    }).then(() => broadcast(message), (error) => Promise.reject(failureFrom(error, what)));
  }

  function putProfile(profile, text) {
    const what = 'saved';
    return Promise.resolve().then(() => {
      checkProfile(profile);
      if (typeof text !== 'string') throw new StorageError('failed', 'A profile text must be a string.');
      return change(['profiles'], (transaction) => transaction.objectStore('profiles').put(text, profile), what);
    }).then(() => broadcast({ profilesChanged: true }), (error) => Promise.reject(failureFrom(error, what)));
  }

  function deleteProfile(profile) {
    const what = 'deleted';
    return Promise.resolve().then(() => {
      checkProfile(profile);
      return change(['profiles', 'records'], (transaction) => {
        transaction.objectStore('profiles').delete(profile);
        transaction.objectStore('records').delete(IDBKeyRange.bound([profile], [profile, []]));
      }, what);
    }).then(() => broadcast({ profilesChanged: true }), (error) => Promise.reject(failureFrom(error, what)));
  }

  function observe(observer) {
    observers.add(observer);
    return () => observers.delete(observer);
  }

  function status() {
    return {
      available: opened,
      reason: unavailableReason,
      lost: lost && { ...lost },
      lastError: lastError && { ...lastError },
    };
  }

  const UNKNOWN = { known: false, persisted: false, usage: 0, quota: 0 };

  // navigator.storage exists only in secure contexts (https, localhost): a school server on plain http has none.
  async function estimate() {
    const storage = navigator.storage;
    if (!storage || typeof storage.estimate !== 'function') return { ...UNKNOWN };
    try {
      const [amounts, persisted] = await Promise.all([storage.estimate(),
        typeof storage.persisted === 'function' ? storage.persisted() : false]);
      return { known: true, persisted: !!persisted, usage: amounts.usage || 0, quota: amounts.quota || 0 };
    } catch (error) {
      return { ...UNKNOWN };
    }
  }

  async function persist() {
    const storage = navigator.storage;
    if (storage && typeof storage.persist === 'function') {
      try {
        await storage.persist();
      } catch (error) {  // refused or unsupported: estimate() reports persisted: false
      }
    }
    return estimate();
  }

  return Object.freeze({
    open, loadProfiles, load, write, putProfile, deleteProfile, observe, status, estimate, persist,
    StorageError,
  });
})();
window.PathwiseStorage = PathwiseStorage;
