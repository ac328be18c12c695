/* The index page: filters over the table of maps, and a search over the index written at
   build time (search-index.js assigns window.CJMAP_SEARCH: a page opened from file:// cannot
   fetch a JSON file). No request, no library. Map text reaches the page through textContent
   only, never as markup. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-map]"));

  function values(row, name) {
    var raw = row.getAttribute("data-" + name) || "";
    if (raw.charAt(0) === "[") { return JSON.parse(raw); }
    return raw ? [raw] : [];
  }

  var form = document.getElementById("site-filters");
  if (form) {
    var shown = document.getElementById("site-shown");
    var none = document.getElementById("site-no-match");
    var names = ["persona", "tag", "state", "owner", "model", "review"];
    var apply = function () {
      var count = 0;
      rows.forEach(function (row) {
        var keep = names.every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || values(row, name).indexOf(wanted) !== -1;
        });
        row.hidden = !keep;
        if (keep) { count += 1; }
      });
      shown.textContent = shown.getAttribute("data-template")
        .replace("{shown}", count).replace("{total}", rows.length);
      none.hidden = count !== 0;
    };
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  var input = document.getElementById("site-search");
  var index = window.CJMAP_SEARCH;
  if (!input || !index) { return; }
  var results = document.getElementById("site-results");
  var status = document.getElementById("site-results-status");
  var folded = null;
  var LIMIT = 50;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function search() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    if (folded === null) { folded = index.items.map(function (item) { return fold(item[2]); }); }
    var byMap = {};
    var order = [];
    index.items.forEach(function (item, position) {
      var text = folded[position];
      if (!words.every(function (word) { return text.indexOf(word) !== -1; })) { return; }
      if (!byMap[item[0]]) { byMap[item[0]] = []; order.push(item[0]); }
      byMap[item[0]].push(item);
    });
    status.textContent = !order.length ? index.none
      : order.length === 1 ? index.result : index.results.replace("{n}", order.length);
    order.slice(0, LIMIT).forEach(function (number) {
      var map = index.maps[number];
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = map[0];
      link.textContent = map[1];
      li.appendChild(link);
      byMap[number].slice(0, 3).forEach(function (item) {
        var hit = document.createElement("span");
        hit.className = "site-hit";
        hit.textContent = index.kinds[item[1]] + ": " + item[2];
        li.appendChild(hit);
      });
      results.appendChild(li);
    });
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    var first = results.querySelector("a");
    if ((event.key === "Enter" || event.key === "ArrowDown") && first) {
      event.preventDefault();
      if (event.key === "Enter") { first.click(); } else { first.focus(); }
    }
  });
  results.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(results.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at === -1) { return; }
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at ? links[at - 1] : input).focus(); }
  });
  if (input.value) { search(); }
})();
