/* specsite: status filters for index tables; text filter and sorting for large generated tables. Runs on every page load, also with Material's
   instant navigation (document$), and does nothing where there is no filterable table. The chosen filter and text are kept in the page's
   query string (?filter=accepted&text=cache; filter2, text2 for a page's second table...; not "q", which Material's search takes), so a reload or a shared link shows the same rows. */
(function () {
  // filter buttons in the order a thing lives through (lifecycle, then MoSCoW), not alphabetical;
  // a box may give its own order in data-specsite-filter-order; other values follow, sorted
  var ORDER = ["draft", "proposed", "review", "in-review", "accepted", "approved", "in-progress",
    "scheduled", "shipped", "done", "repaid", "deprecated", "superseded", "rejected", "retired",
    "must", "should", "could", "wont", "won't",
    // the prioritisation quadrants, best first
    "quick wins", "big bets", "fill-ins", "money pits"];
  function ordered(keys, own) {
    var order = own ? own.split(/\s+/) : ORDER;
    function rank(k) { var i = order.indexOf(k.toLowerCase()); return i < 0 ? order.length : i; }
    return keys.sort(function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0); });
  }
  function remember(name, value) {
    if (!window.history || !history.replaceState) return;
    var url = new URL(location.href);
    if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }
  function value(row, index) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    var n = parseFloat(text.replace(/,/g, ""));
    return /^-?[\d,]+(\.\d+)?$/.test(text) ? n : text.toLowerCase();
  }
  function sortable(table, rows) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("aria-sort", "none");
      th.classList.add("specsite-sortable");
      th.tabIndex = 0;
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (o) { o.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var keyed = Array.prototype.map.call(body.rows, function (row, i) { return [value(row, index), i, row]; });
        keyed.sort(function (a, b) {
          var x = a[0], y = b[0], c;
          if (typeof x === typeof y) c = x < y ? -1 : x > y ? 1 : 0;
          else c = typeof x === "number" ? -1 : 1;
          return (up ? c : -c) || a[1] - b[1];
        });
        keyed.forEach(function (k) { body.appendChild(k[2]); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }
  function setUp(root) {
    var params = new URLSearchParams(location.search);
    root.querySelectorAll(".specsite-filter").forEach(function (box, number) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var suffix = number ? String(number + 1) : "";
      var table = box.querySelector("table");
      if (!table) return;
      var column = parseInt(box.dataset.specsiteFilterColumn || "0", 10) - 1;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var counts = {};
      rows.forEach(function (row) {
        var cell = column >= 0 ? row.cells[column] : null;
        var key = cell ? cell.textContent.trim() : "";
        row.dataset.status = key;
        counts[key] = (counts[key] || 0) + 1;
      });
      var bar = document.createElement("div");
      bar.className = "specsite-filter-bar";
      bar.setAttribute("role", "toolbar");
      var status = null;
      var words = "";
      function apply() {
        rows.forEach(function (row) {
          var shown = (status === null || row.dataset.status === status) &&
            (!words || row.textContent.toLowerCase().indexOf(words) !== -1);
          row.style.display = shown ? "" : "none";
        });
      }
      function choose(b, key) {
        bar.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", "true");
        status = key;
        apply();
      }
      var wanted = params.get("filter" + suffix);
      var chosen = null;
      function add(label, key) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.setAttribute("aria-pressed", key === null ? "true" : "false");
        b.addEventListener("click", function () { choose(b, key); remember("filter" + suffix, key); });
        bar.appendChild(b);
        if (key !== null && key === wanted) chosen = [b, key];
      }
      if (box.dataset.specsiteFilterColumn) {
        add("all (" + rows.length + ")", null);
        ordered(Object.keys(counts), box.dataset.specsiteFilterOrder).forEach(function (k) {
          add(k + " (" + counts[k] + ")", k);
        });
      }
      if (box.dataset.specsiteSortable) {
        // large generated tables: a text filter, and every column sorts on a click
        var input = document.createElement("input");
        input.type = "search";
        input.className = "specsite-filter-text";
        input.placeholder = "Filter rows";
        input.setAttribute("aria-label", "Filter rows");
        input.addEventListener("input", function () {
          words = input.value.trim().toLowerCase();
          apply();
          remember("text" + suffix, input.value.trim());
        });
        input.value = params.get("text" + suffix) || "";
        words = input.value.trim().toLowerCase();
        bar.appendChild(input);
        sortable(table, rows);
      }
      box.insertBefore(bar, box.firstChild);
      if (chosen) choose(chosen[0], chosen[1]);
      else if (words) apply();
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(function () { setUp(document); }); }
  else if (document.readyState !== "loading") { setUp(document); }
  else { document.addEventListener("DOMContentLoaded", function () { setUp(document); }); }
})();
/* API schema trees: a schema opens once per page and later uses link to it ("shown above"); the
   link opens the closed <details> the schema sits in, so the jump lands on visible rows. */
(function () {
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.closest || !target.closest(".specsite-schema")) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  if (document.readyState !== "loading") { reveal(); }
  else { document.addEventListener("DOMContentLoaded", reveal); }
})();
/* API tag pages: the table of contents lists each operation as "GET Summary"; give it the method
   badge its heading has (Redoc's side menu), without changing the link. */
(function () {
  function badges() {
    document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#op-']").forEach(function (link) {
      if (link.querySelector(".specsite-method")) return;
      var heading = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var badge = heading && heading.querySelector(".specsite-method");
      var label = link.querySelector(".md-ellipsis") || link;
      var text = label.firstChild;
      if (!badge || !text || text.nodeType !== 3) return;
      var word = badge.textContent;
      var trimmed = text.nodeValue.replace(/^\s+/, "");
      if (trimmed.indexOf(word) !== 0) return;
      text.nodeValue = trimmed.slice(word.length);
      label.insertBefore(badge.cloneNode(true), text);
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(badges); }
  else if (document.readyState !== "loading") { badges(); }
  else { document.addEventListener("DOMContentLoaded", badges); }
})();
