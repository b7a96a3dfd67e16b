/* Zoom and pan for specsite's C4 diagrams: buttons, Ctrl/Cmd + wheel, drag; links stay clickable.
   No dependencies, no network. Works on every `.c4-view > svg.c4-diagram` on the page. */
(function () {
  "use strict";

  function setup(view) {
    var svg = view.querySelector("svg.c4-diagram");
    if (!svg || view.dataset.c4Zoom) return;
    view.dataset.c4Zoom = "1";
    view.classList.add("c4-zoomable");
    var full = svg.viewBox.baseVal;
    var box = { x: full.x, y: full.y, w: full.width, h: full.height };
    var home = { x: box.x, y: box.y, w: box.w, h: box.h };

    function apply() {
      svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
    }

    function zoom(factor, cx, cy) {
      var w = Math.min(home.w * 4, Math.max(home.w / 10, box.w * factor));
      var h = w * (home.h / home.w);
      box.x = cx - (cx - box.x) * (w / box.w);
      box.y = cy - (cy - box.y) * (h / box.h);
      box.w = w;
      box.h = h;
      apply();
    }

    function centre() {
      return [box.x + box.w / 2, box.y + box.h / 2];
    }

    function toSvg(event) {
      var rect = svg.getBoundingClientRect();
      return [
        box.x + ((event.clientX - rect.left) / rect.width) * box.w,
        box.y + ((event.clientY - rect.top) / rect.height) * box.h,
      ];
    }

    var controls = document.createElement("div");
    controls.className = "c4-zoom-controls";
    [["+", "Zoom in", function () { var c = centre(); zoom(0.8, c[0], c[1]); }],
     ["\u2212", "Zoom out", function () { var c = centre(); zoom(1.25, c[0], c[1]); }],
     ["\u21ba", "Reset zoom", function () { box = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    view.appendChild(controls);

    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // plain wheel keeps scrolling the page
      event.preventDefault();
      var p = toSvg(event);
      zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("a")) return;
      drag = { x: event.clientX, y: event.clientY, bx: box.x, by: box.y };
      view.classList.add("c4-panning");
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var rect = svg.getBoundingClientRect();
      box.x = drag.bx - ((event.clientX - drag.x) / rect.width) * box.w;
      box.y = drag.by - ((event.clientY - drag.y) / rect.height) * box.h;
      apply();
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
