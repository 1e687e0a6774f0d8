// The media layer: pictures and videos shown as HTML elements over the canvas, where the app laid them out.
// Dear ImGui cannot draw SVG or play video; the app reserves a box for each and, every frame it draws, sends
// the list of what is on screen (Platform::place_media; the JSON is documented in client/web/web_platform.cpp).
// This layer keeps one element per key (an <img>, or a <video> with its captions track and native controls),
// moves and clips it to the box with CSS, and hides whatever is not in the latest list.
//
// Pictures never take taps (pointer-events: none): the canvas under them gets them, as if they were drawn
// there. A video's own controls do; the wheel over it still scrolls the app.
//
// Videos pause by themselves at the stops they are given (a checkpoint question each): this layer watches the
// playback and stops on time, so the app is not woken while the video plays; it is told only when something
// changes (played, paused, stopped at a checkpoint, sought, ended) through _pw_video_status. Pictures report
// their natural size once loaded (_pw_media_natural_size), so the app can reserve the right shape.
'use strict';

// eslint-disable-next-line no-unused-vars
const PathwiseMedia = (() => {
  const STOP_TOLERANCE = 0.05;  // seconds: a stop this close counts as reached
  const PRECISE_WINDOW = 0.6;   // seconds: nearer a stop than this, a timer stops the video on time
                                // (timeupdate comes only every quarter second or so)
  const FORGET_AFTER = 300;     // messages: an element hidden for this long is removed

  function attach(module, canvas, withUtf8) {
    const layer = document.createElement('div');
    layer.id = 'media-layer';
    canvas.insertAdjacentElement('afterend', layer);

    const entries = new Map();  // key -> {key, kind, element, src, generation, stops, checkpoint, ...}
    let folder = 'content/';     // the open course's folder: its bundle's media live beside it
    let lastJson = null;
    let messages = 0;

    // Course media paths are relative to the bundle file; URLs (https:) stay as they are; "site:" names a file of
    // the site's own folder (the school's logo, from site.json).
    function resolve(src) {
      if (src.startsWith('site:')) return src.slice(5);
      return /^[a-z][a-z0-9+.-]*:/i.test(src) ? src : folder + src;
    }
    // The app asked the shell for this bundle (a path inside content/): its media are beside it.
    function setCourseBundle(bundlePath) {
      const slash = bundlePath.lastIndexOf('/');
      folder = `content/${slash >= 0 ? bundlePath.slice(0, slash + 1) : ''}`;
    }

    function reportSize(src, width, height) {
      if (width > 0 && height > 0) withUtf8(src, (pointer) => module._pw_media_natural_size(pointer, width, height));
    }

    // An SVG drawn at no fixed size (only a viewBox) has no natural size in every browser: read its viewBox.
    function reportSvgSize(entry, img) {
      if (img.naturalWidth > 0 && img.naturalHeight > 0 && !(img.naturalWidth === 300 && img.naturalHeight === 150)) {
        reportSize(entry.src, img.naturalWidth, img.naturalHeight);
        return;
      }
      fetch(img.currentSrc || img.src).then((response) => response.text()).then((text) => {
        const tag = /<svg\b[^>]*>/i.exec(text);
        const box = tag && /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(tag[0]);
        if (box) reportSize(entry.src, Number(box[1]), Number(box[2]));
      }).catch(() => {});
    }

    // ---- Videos ------------------------------------------------------------------------------------------------
    function reportVideo(entry) {
      const video = entry.element;
      withUtf8(entry.key, (pointer) => module._pw_video_status(pointer, entry.generation, video.currentTime || 0,
        Number.isFinite(video.duration) ? video.duration : 0, video.paused ? 0 : 1, video.ended ? 1 : 0,
        entry.checkpoint));
    }

    function stopAt(entry, seconds, checkpoint) {
      const video = entry.element;
      entry.checkpoint = checkpoint;
      video.pause();
      // Show exactly the moment the author chose (the pause lands a little after it).
      if (Math.abs(video.currentTime - seconds) > 0.01) video.currentTime = seconds;
      reportVideo(entry);
    }

    // Stops at the first stop reached (or passed, by seeking ahead: a question is not skipped by scrubbing);
    // when the next one is near, checks again right on time.
    function watchStops(entry) {
      const video = entry.element;
      clearTimeout(entry.timer);
      entry.timer = null;
      if (video.paused || video.seeking || video.ended || entry.stops.length === 0) return;
      const [seconds, checkpoint] = entry.stops[0];
      const now = video.currentTime;
      if (now >= seconds - STOP_TOLERANCE) {
        stopAt(entry, seconds, checkpoint);
        return;
      }
      const remaining = (seconds - now) / (video.playbackRate || 1);
      if (remaining < PRECISE_WINDOW) entry.timer = setTimeout(() => watchStops(entry), remaining * 1000);
    }

    function createVideo(entry, item) {
      const video = document.createElement('video');
      video.className = 'pw-media pw-video';
      video.controls = true;
      video.preload = 'metadata';
      video.playsInline = true;  // iOS: play in place, not fullscreen
      video.setAttribute('playsinline', '');
      video.setAttribute('aria-label', item.alt);
      if (item.poster) video.poster = resolve(item.poster);
      if (item.captions) {
        const track = document.createElement('track');
        track.kind = 'captions';
        track.default = true;
        track.label = 'Captions';
        track.srclang = document.documentElement.lang || 'en';
        track.src = resolve(item.captions);
        video.appendChild(track);
      }
      video.src = resolve(item.src);
      video.addEventListener('loadedmetadata', () => {
        reportSize(entry.src, video.videoWidth, video.videoHeight);
        reportVideo(entry);
      });
      video.addEventListener('play', () => {
        entry.checkpoint = -1;
        watchStops(entry);  // pressing play at an unanswered question stops again at once
        if (!video.paused) reportVideo(entry);
      });
      video.addEventListener('pause', () => {
        clearTimeout(entry.timer);
        reportVideo(entry);
      });
      video.addEventListener('timeupdate', () => watchStops(entry));
      video.addEventListener('seeked', () => {
        watchStops(entry);
        reportVideo(entry);
      });
      video.addEventListener('ended', () => reportVideo(entry));
      video.addEventListener('error', () => {
        console.error(`Pathwise could not play ${video.src}:`, video.error && video.error.message);
      });
      // The wheel over the video scrolls the app, as everywhere else on the page. The app last saw the pointer
      // leave the canvas (onto the video): tell it where the pointer is first, or the wheel would scroll nothing.
      video.addEventListener('wheel', (event) => {
        event.preventDefault();
        canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: event.clientX, clientY: event.clientY,
          pointerType: 'mouse', isPrimary: true, bubbles: true }));
        canvas.dispatchEvent(new WheelEvent('wheel', event));
      }, { passive: false });
      forwardTouchDrags(video);
      return video;
    }

    // A finger dragging on the video scrolls the app, as it does everywhere else; a tap stays the video's (its
    // controls). Once the finger has moved past a tap's jitter, the drag is handed to the canvas as if it had
    // started there (.pw-video has touch-action: none, so the browser does not take the drag for itself).
    function forwardTouchDrags(video) {
      let drag = null;
      const forward = (type, x, y, pointerId) => canvas.dispatchEvent(new PointerEvent(type, {
        clientX: x, clientY: y, pointerId, pointerType: 'touch', isPrimary: true, button: 0,
        buttons: type === 'pointerup' ? 0 : 1, bubbles: true, cancelable: true }));
      video.addEventListener('pointerdown', (event) => {
        if (event.pointerType === 'touch') drag = { id: event.pointerId, x: event.clientX, y: event.clientY, handed: false };
      });
      video.addEventListener('pointermove', (event) => {
        if (!drag || event.pointerId !== drag.id) return;
        if (!drag.handed) {
          if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 10) return;
          drag.handed = true;
          forward('pointerdown', drag.x, drag.y, drag.id);
        }
        forward('pointermove', event.clientX, event.clientY, drag.id);
      });
      const end = (event) => {
        if (!drag || event.pointerId !== drag.id) return;
        if (drag.handed) forward('pointerup', event.clientX, event.clientY, drag.id);
        drag = null;
      };
      video.addEventListener('pointerup', end);
      video.addEventListener('pointercancel', end);
    }

    // ---- Pictures ----------------------------------------------------------------------------------------------
    function createImage(entry) {
      const img = document.createElement('img');
      img.className = 'pw-media pw-picture';
      img.decoding = 'async';
      img.draggable = false;
      img.addEventListener('load', () => {
        img.style.visibility = '';
        if (/\.svg(\?|#|$)/i.test(entry.src)) reportSvgSize(entry, img);
        else reportSize(entry.src, img.naturalWidth, img.naturalHeight);
      });
      img.addEventListener('error', () => console.error(`Pathwise could not load the picture ${img.src}`));
      return img;
    }

    // ---- Placing -----------------------------------------------------------------------------------------------
    function create(item) {
      const entry = { key: item.key, kind: item.kind, src: item.src, generation: item.generation || 0, stops: [],
        checkpoint: -1, timer: null, shown: null, lastMessage: messages };
      entry.element = item.kind === 'video' ? createVideo(entry, item) : createImage(entry);
      entry.element.dataset.key = item.key;
      layer.appendChild(entry.element);
      return entry;
    }

    function remove(entry) {
      clearTimeout(entry.timer);
      if (entry.kind === 'video') {
        entry.element.pause();
        entry.element.removeAttribute('src');  // frees the decoder and stops downloading
        entry.element.load();
      }
      entry.element.remove();
      entries.delete(entry.key);
    }

    function hide(entry) {
      if (entry.shown === false) return;
      entry.shown = false;
      entry.element.hidden = true;
      // Left the screen (another activity, the course page): a video must not play on unseen.
      if (entry.kind === 'video' && !entry.element.paused) entry.element.pause();
    }

    function update(entry, item, page) {
      const element = entry.element;
      if (entry.kind === 'image') {
        if (entry.src !== item.src || !element.getAttribute('src')) {
          entry.src = item.src;
          element.style.visibility = 'hidden';  // not the previous picture in the new box while this one loads
          element.src = resolve(item.src);
        }
        if (element.alt !== item.alt) element.alt = item.alt;
      }
      // Canvas pixels to page (CSS) pixels.
      const left = page.left + item.rect[0] / page.ratioX;
      const top = page.top + item.rect[1] / page.ratioY;
      const width = item.rect[2] / page.ratioX;
      const height = item.rect[3] / page.ratioY;
      const clipLeft = page.left + item.clip[0] / page.ratioX;
      const clipTop = page.top + item.clip[1] / page.ratioY;
      const clipRight = page.left + item.clip[2] / page.ratioX;
      const clipBottom = page.top + item.clip[3] / page.ratioY;
      const visible = width > 0 && height > 0 && left < clipRight && left + width > clipLeft &&
        top < clipBottom && top + height > clipTop;
      if (!visible) {
        hide(entry);
      } else {
        entry.shown = true;
        element.hidden = false;
        element.style.transform = `translate(${left}px, ${top}px)`;
        element.style.width = `${width}px`;
        element.style.height = `${height}px`;
        // Only the part inside the app's visible area shows (scrolled halfway off, under the top edge...).
        const inset = [Math.max(0, clipTop - top), Math.max(0, left + width - clipRight),
          Math.max(0, top + height - clipBottom), Math.max(0, clipLeft - left)];
        element.style.clipPath = inset.some((value) => value > 0.5)
          ? `inset(${inset.map((value) => `${value}px`).join(' ')})` : '';
      }
      if (entry.kind === 'video') {
        entry.stops = (item.stops || []).slice().sort((a, b) => a[0] - b[0]);
        if (item.request === 'play') {
          element.play().catch((error) => {
            console.warn('Pathwise: the browser did not let the video play:', error.message);
            reportVideo(entry);
          });
        } else if (item.request === 'pause') {
          element.pause();
        }
        watchStops(entry);
      }
    }

    function place(json) {
      if (json === lastJson) return;
      lastJson = json;
      messages += 1;
      const { media } = JSON.parse(json);
      const rect = canvas.getBoundingClientRect();
      const page = { left: rect.left, top: rect.top, ratioX: canvas.width / rect.width || 1,
        ratioY: canvas.height / rect.height || 1 };
      const placed = new Set();
      for (const item of media) {
        placed.add(item.key);
        let entry = entries.get(item.key);
        // Another kind, another video, or a new generation of the same (a new activity): a fresh element.
        if (entry && (entry.kind !== item.kind ||
            (item.kind === 'video' && (entry.src !== item.src || entry.generation !== item.generation)))) {
          remove(entry);
          entry = null;
        }
        if (!entry) {
          entry = create(item);
          entries.set(item.key, entry);
        }
        entry.lastMessage = messages;
        update(entry, item, page);
      }
      for (const entry of [...entries.values()]) {
        if (placed.has(entry.key)) continue;
        hide(entry);
        if (messages - entry.lastMessage > FORGET_AFTER) remove(entry);
      }
    }

    return { place, setCourseBundle };
  }

  return { attach };
})();
