/* cjmap serve's live preview, added to each page as it is served (never written to the site).
   It listens to the server's event stream; when a build rewrote this page it fetches it and
   swaps the body in place, keeping the scroll position; when this page's map no longer
   validates it keeps what is shown and lays an overlay over it listing the problems. Problems
   reach the page through textContent only, never as markup. */
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-build") : null;
  var labels = {invalid: "This map no longer validates.", dismiss: "Dismiss",
                reconnecting: "Reconnecting…"};
  var page = pageOf(location.pathname);
  var overlay = null;
  var badge = null;
  var dismissed = null;
  var busy = false;
  var again = false;
  var delay = 1000;

  function pageOf(pathname) {
    var path = decodeURIComponent(pathname).replace(/^\/+/, "");
    if (path === "" || path.charAt(path.length - 1) === "/") { path += "index.html"; }
    return path;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function addStyle() {
    var style = element("style");
    style.id = "cjmap-live-style";
    style.textContent =
      "#cjmap-live-overlay{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;" +
      "overflow:auto;z-index:2147483647;background:#fff;color:#1a1a1a;" +
      "border:2px solid #b3261e;border-left-width:.5rem;border-radius:.5rem;" +
      "box-shadow:0 .5rem 2rem rgba(0,0,0,.3);padding:1rem 1.25rem;" +
      "font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif}" +
      "#cjmap-live-overlay p{margin:0 2.5rem .5rem 0;font-weight:600;color:#b3261e}" +
      "#cjmap-live-overlay ul{margin:0;padding-left:1.25rem}" +
      "#cjmap-live-overlay li{margin:.25rem 0}" +
      "#cjmap-live-overlay code{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;" +
      "background:#f6e8e7;padding:0 .25rem;border-radius:.2rem;margin-right:.4rem}" +
      "#cjmap-live-overlay .cjmap-live-hint{display:block;color:#555;font-size:13px}" +
      "#cjmap-live-overlay button{position:absolute;top:.6rem;right:.75rem;font:inherit;" +
      "cursor:pointer;background:#fff;border:1px solid #888;border-radius:.3rem;" +
      "padding:.1rem .6rem}" +
      "#cjmap-live-overlay button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}" +
      "#cjmap-live-badge{position:fixed;right:1rem;top:1rem;z-index:2147483647;" +
      "background:#1a1a1a;color:#fff;border-radius:1rem;padding:.3rem .9rem;" +
      "font:13px/1.4 system-ui,sans-serif;opacity:.9}";
    document.head.appendChild(style);
  }

  function showOverlay(problems) {
    var key = JSON.stringify(problems);
    if (key === dismissed) { return; }
    hideOverlay();
    overlay = element("div");
    overlay.id = "cjmap-live-overlay";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(element("p", "", labels.invalid));
    var list = element("ul");
    problems.forEach(function (problem) {
      var item = element("li");
      item.appendChild(element("code", "", problem.file + ":" + problem.line + ":" +
                                            problem.column));
      item.appendChild(document.createTextNode(problem.message));
      if (problem.hint) { item.appendChild(element("span", "cjmap-live-hint", problem.hint)); }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "", labels.dismiss);
    close.type = "button";
    close.addEventListener("click", function () { dismissed = key; hideOverlay(); });
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showBadge(shown) {
    if (shown && !badge) {
      badge = element("div", "", labels.reconnecting);
      badge.id = "cjmap-live-badge";
      badge.setAttribute("role", "status");
      document.body.appendChild(badge);
    } else if (!shown && badge) {
      badge.remove();
      badge = null;
    }
  }

  function styles(doc) {
    return Array.prototype.filter.call(
      doc.head.querySelectorAll("style, link[rel=stylesheet]"),
      function (node) { return node.id !== "cjmap-live-style"; });
  }

  function swap(fresh) {
    var x = window.scrollX;
    var y = window.scrollY;
    document.title = fresh.title;
    var before = styles(document);
    var after = styles(fresh);
    var outer = function (node) { return node.outerHTML; };
    if (before.map(outer).join("") !== after.map(outer).join("")) {
      before.forEach(function (node) { node.remove(); });
      after.forEach(function (node) { document.head.appendChild(document.importNode(node, true)); });
    }
    // The page's own scripts (the index's filters and search) run again on the new content,
    // in order; those the parser made are inert and are left out.
    var scripts = Array.prototype.map.call(fresh.body.querySelectorAll("script[src]"),
                                           function (node) { return node.getAttribute("src"); });
    Array.prototype.forEach.call(fresh.body.querySelectorAll("script"),
                                 function (node) { node.remove(); });
    document.body.className = fresh.body.className;
    document.body.replaceChildren.apply(document.body, Array.prototype.map.call(
      fresh.body.childNodes, function (node) { return document.importNode(node, true); }));
    scripts.forEach(function (src) {
      var script = element("script");
      script.async = false;
      script.src = src;
      document.body.appendChild(script);
    });
    if (overlay) { document.body.appendChild(overlay); }
    if (badge) { document.body.appendChild(badge); }
    window.scrollTo(x, y);
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.pathname + location.search, {cache: "no-store"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (text) { swap(new DOMParser().parseFromString(text, "text/html")); })
      .catch(function () { /* the page is gone or the server stopped: the next build tells */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  function built(data) {
    if (data.labels) { labels = data.labels; }
    var stale = data.pages.indexOf(page) !== -1 || (data.hello && data.build !== seen);
    seen = data.build;
    var problems = data.problems[page];
    if (problems) {
      showOverlay(problems);
      return;
    }
    dismissed = null;
    hideOverlay();
    if (stale) { refresh(); }
  }

  function connect() {
    var source = new EventSource("/__cjmap/events");
    source.addEventListener("build", function (event) {
      delay = 1000;
      showBadge(false);
      built(JSON.parse(event.data));
    });
    source.onerror = function () {
      showBadge(true);
      // EventSource retries a dropped stream by itself; a refused one it gives up on, so
      // that one is retried here, less and less often.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10000);
      }
    };
  }

  addStyle();
  connect();
}());
