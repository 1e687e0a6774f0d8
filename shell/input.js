// The input bridge: browser events to the wasm client, in physical canvas pixels.
//
// Why not Emscripten's GLFW (3.1.6)? Measured on these machines (../shared/TOOLCHAIN.md): it reports a tap at
// the previous mouse position and also receives the browser's compatibility mouse events (two taps gave three
// clicks), ignores devicePixelRatio, drops accented/IME/on-screen-keyboard text and cannot paste. Here:
//  - Pointer Events only (mouse, touch and pen alike), so one tap is one click;
//  - the canvas backing store follows its CSS size times devicePixelRatio, so text is crisp at DPR 1, 2, 3;
//  - a hidden <input> (the "text agent") receives typed, composed and pasted text and raises phone keyboards.
'use strict';

// eslint-disable-next-line no-unused-vars
const PathwiseInput = (() => {
  const MODIFIER_CTRL = 1, MODIFIER_SHIFT = 2, MODIFIER_ALT = 4, MODIFIER_META = 8;
  // Keys whose browser default (moving focus, scrolling, navigating back) would fight the app.
  const KEYS_KEPT_FROM_BROWSER = new Set(['Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp',
    'PageDown', 'Home', 'End', ' ', 'Backspace', 'Enter', 'Escape']);

  function attach(module, canvas, agent) {
    let rect = canvas.getBoundingClientRect();
    let textActive = false;
    let primaryPointer = null;

    function withUtf8(text, fn) {
      const size = module.lengthBytesUTF8(text) + 1;
      const pointer = module._malloc(size);
      try {
        module.stringToUTF8(text, pointer, size);
        return fn(pointer, size - 1);
      } finally {
        module._free(pointer);
      }
    }

    // ---- Size and pixel ratio -------------------------------------------------------------------------------
    function applySize(physicalWidth, physicalHeight) {
      rect = canvas.getBoundingClientRect();
      const width = Math.max(1, Math.round(physicalWidth));
      const height = Math.max(1, Math.round(physicalHeight));
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      module._pw_resize(width, height, window.devicePixelRatio || 1);
    }

    function resizeFromLayout() {
      const cssRect = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      applySize(cssRect.width * ratio, cssRect.height * ratio);
    }

    let observer = null;
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver((entries) => {
        const entry = entries[entries.length - 1];
        // Exact device pixels where the browser knows them (Chrome, Firefox): no blurry half-pixel scaling.
        // Only when they agree with CSS size x devicePixelRatio: under DevTools' device emulation Chromium
        // reports the unemulated box, and the app would then lay out for a canvas three times too small.
        const box = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
        const css = entry.contentBoxSize && entry.contentBoxSize[0];
        const ratio = window.devicePixelRatio || 1;
        if (box && css && Math.abs(box.inlineSize - css.inlineSize * ratio) <= 1 &&
            Math.abs(box.blockSize - css.blockSize * ratio) <= 1) {
          applySize(box.inlineSize, box.blockSize);
        } else {
          resizeFromLayout();
        }
      });
      try {
        observer.observe(canvas, { box: 'device-pixel-content-box' });
      } catch (unsupported) {
        observer.observe(canvas);
      }
    }
    window.addEventListener('resize', resizeFromLayout);
    window.addEventListener('orientationchange', resizeFromLayout);
    // Zoom or a move to another screen changes devicePixelRatio without necessarily resizing the canvas.
    function watchPixelRatio() {
      const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      query.addEventListener('change', () => { resizeFromLayout(); watchPixelRatio(); }, { once: true });
    }
    if (window.matchMedia) watchPixelRatio();
    resizeFromLayout();

    // ---- Pointer: mouse, touch and pen ---------------------------------------------------------------------
    // Canvas (physical) pixels per CSS pixel, per axis: the backing store may round differently from DPR.
    function canvasPixelsPerCssPixel() {
      return [canvas.width / rect.width, canvas.height / rect.height];
    }
    function toCanvas(event) {
      const [ratioX, ratioY] = canvasPixelsPerCssPixel();
      return [(event.clientX - rect.left) * ratioX, (event.clientY - rect.top) * ratioY];
    }
    function source(event) {
      return event.pointerType === 'touch' ? 1 : event.pointerType === 'pen' ? 2 : 0;
    }
    function button(event) {
      // DOM: 0 left, 1 middle, 2 right. ImGui: 0 left, 1 right, 2 middle.
      return event.button === 1 ? 2 : event.button === 2 ? 1 : event.button;
    }

    canvas.addEventListener('pointerdown', (event) => {
      if (primaryPointer !== null && event.pointerId !== primaryPointer) return;  // a second finger: ignored
      primaryPointer = event.pointerId;
      event.preventDefault();  // no compatibility mouse events, no text selection, no focus change
      try { canvas.setPointerCapture(event.pointerId); } catch (ignored) { /* pointer already gone */ }
      const [x, y] = toCanvas(event);
      module._pw_pointer_move(x, y, source(event));
      module._pw_pointer_button(button(event), 1, source(event));
      module._pw_pump();  // inside the tap's handler, so a text field can raise the keyboard (iOS)
    });

    canvas.addEventListener('pointermove', (event) => {
      if (primaryPointer !== null && event.pointerId !== primaryPointer) return;
      const [x, y] = toCanvas(event);
      module._pw_pointer_move(x, y, source(event));
    });

    function pointerEnd(event) {
      if (event.pointerId !== primaryPointer) return;
      primaryPointer = null;
      const [x, y] = toCanvas(event);
      module._pw_pointer_move(x, y, source(event));
      module._pw_pointer_button(button(event), 0, source(event));
      // A lifted finger hovers nothing; leaving a hover highlight behind would look like a stuck press.
      if (event.pointerType !== 'mouse') module._pw_pointer_leave();
      module._pw_pump();
    }
    canvas.addEventListener('pointerup', pointerEnd);
    canvas.addEventListener('pointercancel', pointerEnd);
    canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse' && primaryPointer === null) module._pw_pointer_leave();
    });
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    // Safari still double-tap-zooms and scrolls on some versions despite touch-action: none.
    const touchOptions = { passive: false, capture: true };
    canvas.addEventListener('touchstart', (event) => event.preventDefault(), touchOptions);
    canvas.addEventListener('touchmove', (event) => event.preventDefault(), touchOptions);

    canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      // ImGui counts wheel notches; browsers report pixels (mode 0), lines (1) or pages (2).
      const unit = event.deltaMode === 1 ? 1 / 3 : event.deltaMode === 2 ? 1 : 1 / 100;
      module._pw_wheel(-event.deltaX * unit, -event.deltaY * unit);
    }, { passive: false });

    // ---- Keyboard -------------------------------------------------------------------------------------------
    function modifiers(event) {
      return (event.ctrlKey ? MODIFIER_CTRL : 0) | (event.shiftKey ? MODIFIER_SHIFT : 0) |
        (event.altKey ? MODIFIER_ALT : 0) | (event.metaKey ? MODIFIER_META : 0);
    }
    function onKey(event, down) {
      if (event.isComposing || event.keyCode === 229) return;  // an IME is composing: its text comes at the end
      const shortcut = event.ctrlKey || event.metaKey;
      // Paste arrives as a 'paste' event carrying the text; forwarding Ctrl+V too would paste twice.
      if (shortcut && (event.key === 'v' || event.key === 'V')) return;
      withUtf8(event.key, (pointer) => module._pw_key(pointer, down ? 1 : 0, modifiers(event)));
      if (down) module._pw_pump();  // Ctrl+C copies inside this handler, where the clipboard may be written
      const typingCharacter = textActive && event.key.length === 1 && !shortcut;
      if (KEYS_KEPT_FROM_BROWSER.has(event.key) && !typingCharacter) event.preventDefault();
    }
    window.addEventListener('keydown', (event) => onKey(event, true));
    window.addEventListener('keyup', (event) => onKey(event, false));

    // ---- Text: typed, composed (IME), dictated, pasted -------------------------------------------------------
    function sendText(text) {
      if (!text) return;
      withUtf8(text, (pointer) => module._pw_text(pointer));
    }
    agent.addEventListener('input', (event) => {
      if (event.isComposing) return;
      sendText(agent.value);
      agent.value = '';
    });
    agent.addEventListener('compositionend', () => {
      sendText(agent.value);
      agent.value = '';
    });
    window.addEventListener('paste', (event) => {
      if (!textActive) return;
      event.preventDefault();
      const text = (event.clipboardData && event.clipboardData.getData('text/plain')) || '';
      if (text) withUtf8(text.replace(/\r\n?/g, '\n'), (pointer) => module._pw_paste(pointer));
    });

    window.addEventListener('focus', () => module._pw_focus(1));
    window.addEventListener('blur', () => module._pw_focus(0));

    // Called by the wasm (through loader.js) when a text field becomes active or inactive. `inputMode` is the
    // HTML inputmode the field asks for: 'decimal' (a number: the phone's numeric keyboard) or 'text'.
    function textInput(active, x, y, lineHeight, inputMode = 'text') {
      textActive = active;
      if (active) {
        // Place the agent at the caret: IME candidate windows open there, and the page never scrolls to it.
        const [ratioX, ratioY] = canvasPixelsPerCssPixel();
        agent.style.left = `${Math.round(rect.left + x / ratioX)}px`;
        agent.style.top = `${Math.round(rect.top + y / ratioY)}px`;
        agent.style.height = `${Math.max(1, Math.round(lineHeight / ratioY))}px`;
        if (agent.inputMode !== inputMode) {
          agent.inputMode = inputMode;
          // Phones pick the keyboard when the input gains focus: going from a text field straight to a number
          // field (or back) needs a fresh focus. This runs inside the tap's handler (input.js pumps a frame
          // there), where iOS still lets focus() raise the keyboard.
          if (document.activeElement === agent) agent.blur();
        }
        if (document.activeElement !== agent) agent.focus({ preventScroll: true });
      } else if (document.activeElement === agent) {
        agent.blur();
        agent.value = '';
      }
    }

    // Physical canvas pixels to CSS pixels in the page, for the test hook.
    function toPage(item) {
      const [ratioX, ratioY] = canvasPixelsPerCssPixel();
      return Object.assign({}, item, {
        x: rect.left + item.x / ratioX, y: rect.top + item.y / ratioY, w: item.w / ratioX, h: item.h / ratioY,
      });
    }

    return { textInput, toPage, withUtf8 };
  }

  return { attach };
})();
