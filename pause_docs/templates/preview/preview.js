/* pause-docs serve: reload the page when a file it is made from is saved, keeping the
   scroll position and whether the panel is open; take a problem's link to its words. */
(function () {
  "use strict";
  var token = document.currentScript.dataset.token;
  var here = location.pathname;
  var scrollKey = "pause-docs:scroll:" + here;
  var panelKey = "pause-docs:panel:" + here;
  var BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, caption, dt, dd, address, blockquote";

  if ("scrollRestoration" in history) {
    history.scrollRestoration = "manual";
  }

  function restoreScroll() {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved === null) {
      return;
    }
    sessionStorage.removeItem(scrollKey);
    var at = JSON.parse(saved);
    window.scrollTo(at[0], at[1]);
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  function normal(text) {
    return text.replace(/\s+/g, " ");
  }

  // The deepest element inside `root` whose text holds `words`.
  function deepest(root, words) {
    if (!root || normal(root.textContent).indexOf(words) < 0) {
      return null;
    }
    var found = root;
    var moved = true;
    while (moved) {
      moved = false;
      for (var i = 0; i < found.children.length; i++) {
        if (normal(found.children[i].textContent).indexOf(words) >= 0) {
          found = found.children[i];
          moved = true;
          break;
        }
      }
    }
    return found.closest(BLOCKS) || found;
  }

  function target(anchor, words) {
    var heading = anchor ? document.getElementById(anchor) : null;
    var part = heading ? (heading.closest("section") || heading) : null;
    var places = [part, document.querySelector("main"), document.querySelector("body > header"),
                  document.querySelector("body > footer")];
    for (var i = 0; i < places.length; i++) {
      var found = words ? deepest(places[i], words) : null;
      if (found) {
        return found;
      }
    }
    return heading || document.querySelector("main");
  }

  function show(link) {
    var found = target(link.dataset.pdAnchor, link.dataset.pdWords);
    if (!found) {
      return;
    }
    var before = document.querySelectorAll(".pd-target");
    for (var i = 0; i < before.length; i++) {
      before[i].classList.remove("pd-target");
    }
    found.classList.add("pd-target");
    if (!found.hasAttribute("tabindex")) {
      found.setAttribute("tabindex", "-1");
    }
    found.scrollIntoView({block: "start"});  // the panel sits at the bottom
    var item = link.closest("li");
    var list = link.closest(".pd-list");
    if (item && list) {  // the problem followed stays in full view in the panel
      var shown = list.getBoundingClientRect();
      var at = item.getBoundingClientRect();
      if (at.bottom > shown.bottom) {
        list.scrollTop += Math.min(at.bottom - shown.bottom, at.top - shown.top);
      }
    }
    found.focus({preventScroll: true});
  }

  var overlay = document.querySelector(".pd-overlay");
  if (overlay) {
    var details = overlay.querySelector("details");
    var signature = overlay.dataset.pdSignature;
    var stored = JSON.parse(sessionStorage.getItem(panelKey) || "null");
    if (stored && stored.signature === signature) {
      details.open = stored.open;
    }
    details.addEventListener("toggle", function () {
      sessionStorage.setItem(panelKey, JSON.stringify({signature: signature, open: details.open}));
    });
    overlay.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-pd-words]");
      if (link) {
        event.preventDefault();
        show(link);
      }
    });
  }

  var status = document.querySelector(".pd-live");
  function say(text) {
    if (status && status.textContent !== text) {
      status.textContent = text;
    }
  }

  // The index, while documents are being checked: each status found takes the place of its
  // row's "checking…"; once all are, the page is loaded again for its totals.
  var checking = document.getElementById("pd-checking");
  var asking = false;
  var askAgain = false;
  function fill() {
    if (checking === null) {
      return;
    }
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    fetch("/_statuses?since=" + encodeURIComponent(checking.dataset.pdSeq))
      .then(function (response) { return response.json(); })
      .then(function (found) {
        Object.keys(found.rows).forEach(function (id) {
          var row = document.getElementById(id);
          if (row) {
            row.outerHTML = found.rows[id];
          }
        });
        checking.dataset.pdSeq = found.seq;
        if (found.checking === 0) {
          quiet();
          reload();
        }
      })
      .catch(function () {})
      .then(function () {
        asking = false;
        if (askAgain) {
          askAgain = false;
          fill();
        }
      });
  }

  // One event stream per page while it is shown: a browser opens only six connections to a
  // server, so hidden tabs let theirs go, and on coming back hear at once if anything changed.
  var source = null;
  function listen() {
    if (source !== null) {
      return;
    }
    source = new EventSource("/_events?since=" + encodeURIComponent(token));
    source.onmessage = function (event) {
      if (event.data !== token) {
        quiet();
        reload();
      }
    };
    source.addEventListener("checked", fill);
    source.onopen = function () {
      say("Updates when you save a file.");
    };
    source.onerror = function () {
      say("Not connected to pause-docs serve: this page updates again once it runs.");
    };
  }
  function quiet() {
    if (source !== null) {
      source.close();
      source = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      listen();
    } else {
      quiet();
    }
  });
  window.addEventListener("pagehide", quiet);
  if (document.visibilityState === "visible") {
    listen();
  }

  restoreScroll();
})();
