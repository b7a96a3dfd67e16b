/* specsite: status filters for index tables. Runs on every page load, also with Material's
   instant navigation (document$), and does nothing where there is no filterable table. */
(function () {
  function setUp(root) {
    root.querySelectorAll(".specsite-filter").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var table = box.querySelector("table");
      if (!table) return;
      var column = parseInt(box.dataset.specsiteFilterColumn || "1", 10) - 1;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var counts = {};
      rows.forEach(function (row) {
        var cell = row.cells[column];
        var key = cell ? cell.textContent.trim() : "";
        row.dataset.status = key;
        counts[key] = (counts[key] || 0) + 1;
      });
      var bar = document.createElement("div");
      bar.className = "specsite-filter-bar";
      bar.setAttribute("role", "toolbar");
      function add(label, key) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.setAttribute("aria-pressed", key === null ? "true" : "false");
        b.addEventListener("click", function () {
          bar.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", "false"); });
          b.setAttribute("aria-pressed", "true");
          rows.forEach(function (row) {
            row.style.display = key === null || row.dataset.status === key ? "" : "none";
          });
        });
        bar.appendChild(b);
      }
      add("all (" + rows.length + ")", null);
      Object.keys(counts).sort().forEach(function (k) { add(k + " (" + counts[k] + ")", k); });
      box.insertBefore(bar, box.firstChild);
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(function () { setUp(document); }); }
  else if (document.readyState !== "loading") { setUp(document); }
  else { document.addEventListener("DOMContentLoaded", function () { setUp(document); }); }
})();
