/* Zoom, pan, full screen and SVG download for specsite's C4 diagrams; links stay clickable.
   No dependencies, no network. Works on every `.c4-view` on the page: the diagram is drawn at a
   readable scale inside a scrolling frame (`.c4-frame`); the toolbar above it never covers it.
   Zoom sets the drawn size of the SVG (its viewBox stays whole), so the frame's scroll bars, the
   plain mouse wheel and touch scrolling pan it; Ctrl/Cmd + wheel zooms; dragging empty canvas pans. */
(function () {
  "use strict";

  // the smallest diagram text at the default view, in CSS px (a hair over 11, for rounding)
  var MIN_TEXT_PX = 11.05;
  var MAX_ZOOM = 4;

  function smallestFont(svg) {
    var least = Infinity;
    svg.querySelectorAll("text").forEach(function (text) {
      var size = parseFloat(text.getAttribute("font-size"));
      if (size > 0 && size < least) least = size;
    });
    return least === Infinity ? MIN_TEXT_PX : least;
  }

  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    return b;
  }

  function setup(view) {
    var svg = view.querySelector("svg.c4-diagram");
    var frame = view.querySelector(".c4-frame");
    var toolbar = view.querySelector(".c4-toolbar");
    if (!svg || !frame || !toolbar || view.dataset.c4Zoom) return;
    view.dataset.c4Zoom = "1";
    view.classList.add("c4-zoomable");
    var full = svg.viewBox.baseVal;
    var native = { w: full.width, h: full.height };
    // native scale, enlarged just enough that the smallest text reads at MIN_TEXT_PX
    var home = Math.min(MAX_ZOOM, Math.max(1, MIN_TEXT_PX / smallestFont(svg)));
    var scale = home;

    function apply() {
      svg.style.width = native.w * scale + "px";
      svg.style.height = native.h * scale + "px";
      svg.style.maxWidth = "none";
    }

    // zoom keeping the diagram point under (fx, fy), frame coordinates, where it was
    function zoomTo(next, fx, fy) {
      var least = Math.min(0.1, fitScale());
      next = Math.min(MAX_ZOOM, Math.max(least, next));
      var px = (frame.scrollLeft + fx) / scale;
      var py = (frame.scrollTop + fy) / scale;
      scale = next;
      apply();
      frame.scrollLeft = px * scale - fx;
      frame.scrollTop = py * scale - fy;
    }

    function fitScale() {
      return Math.min(frame.clientWidth / native.w, frame.clientHeight / native.h);
    }

    function centre(factor) {
      zoomTo(scale * factor, frame.clientWidth / 2, frame.clientHeight / 2);
    }

    function download() {
      var copy = svg.cloneNode(true);
      copy.removeAttribute("style");
      copy.setAttribute("width", String(native.w));
      copy.setAttribute("height", String(native.h));
      var text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
      return URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    }

    var fullscreen = button("Full screen", "Full screen", function () {
      var on = !view.classList.contains("c4-fullscreen");
      view.classList.toggle("c4-fullscreen", on);
      document.documentElement.classList.toggle("c4-fullscreen-open", on);
      fullscreen.setAttribute("aria-pressed", on ? "true" : "false");
      fullscreen.textContent = on ? "Leave full screen" : "Full screen";
      fullscreen.title = on ? "Leave full screen (Esc)" : "Full screen";
      fullscreen.setAttribute("aria-label", on ? "Leave full screen" : "Full screen");
    });
    fullscreen.setAttribute("aria-pressed", "false");
    view.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && view.classList.contains("c4-fullscreen")) fullscreen.click();
    });

    var save = document.createElement("a");
    save.className = "c4-download";
    save.textContent = "Download SVG";
    save.setAttribute("download", (svg.id || "c4-view").replace(/^c4-view-/, "") + ".svg");
    save.href = download();

    var hint = document.createElement("span");
    hint.className = "c4-hint";
    hint.textContent = "Ctrl + wheel to zoom, drag or scroll to pan";

    toolbar.append(
      button("\u2212", "Zoom out", function () { centre(0.8); }),
      button("+", "Zoom in", function () { centre(1.25); }),
      button("1:1", "Reset zoom", function () { zoomTo(home, 0, 0); frame.scrollLeft = 0; frame.scrollTop = 0; }),
      button("Fit", "Fit to frame", function () { zoomTo(fitScale(), 0, 0); }),
      fullscreen, save, hint);
    apply();
    // an element's page: bring its highlighted element into the middle of the frame
    var focus = svg.querySelector(".c4-focus");
    if (focus) {
      var at = focus.getBoundingClientRect(), origin = svg.getBoundingClientRect();
      frame.scrollLeft = at.left - origin.left + at.width / 2 - frame.clientWidth / 2;
      frame.scrollTop = at.top - origin.top + at.height / 2 - frame.clientHeight / 2;
    }

    frame.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls the frame and the page
      event.preventDefault();
      var rect = frame.getBoundingClientRect();
      zoomTo(scale * (event.deltaY < 0 ? 1.15 : 1 / 1.15), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      view.classList.add("c4-panning");
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      frame.scrollLeft = drag.left - (event.clientX - drag.x);
      frame.scrollTop = drag.top - (event.clientY - drag.y);
    });
    function stop() {
      drag = null;
      view.classList.remove("c4-panning");
    }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
  }

  function all() {
    document.querySelectorAll(".c4-view").forEach(setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(all); // Material for MkDocs instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
