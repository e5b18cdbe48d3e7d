// pause-docs editor: as the officer types, the form is checked (not saved) and the problems
// and the page beside it are brought up to date; leaving with unsaved changes asks first.
// Everything works without this script: "Check and preview" does the same on the server.
(function () {
  "use strict";
  var form = document.querySelector("[data-ed-form]");
  var summary = document.querySelector("[data-ed-summary]");
  if (summary && !summary.hidden && summary.querySelector("li")) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  if (!form) { return; }
  var dirty = form.hasAttribute("data-ed-unsaved"), timer = null, sending = false, again = false;
  var saving = false;

  function body() {
    var data = new URLSearchParams(new FormData(form));
    data.set("_action", "check");
    return data;
  }

  function show(found) {
    var fields = found.fields || {};
    document.querySelectorAll("[data-ed-field]").forEach(function (group) {
      var name = group.getAttribute("data-ed-field");
      var slot = group.querySelector(":scope > [data-ed-error]");
      if (!slot) { return; }
      var messages = fields[name] || [];
      slot.textContent = "";
      messages.forEach(function (message, index) {
        var hidden = document.createElement("span");
        hidden.className = "ed-visually-hidden";
        hidden.textContent = "Error: ";
        slot.appendChild(hidden);
        slot.appendChild(document.createTextNode(message.text));
        if (message.rule) {  // the rule that explains it, as the page first showed it
          var link = document.createElement("a");
          var code = document.createElement("code");
          link.className = "ed-rule";
          link.href = message.rule;
          code.textContent = message.code;
          link.append("(rule ", code, ")");
          slot.append(" ", link);
        }
        if (index < messages.length - 1) { slot.appendChild(document.createElement("br")); }
      });
      slot.hidden = messages.length === 0;
      group.classList.toggle("ed-group--error", messages.length > 0);
    });
    if (summary && typeof found.summary === "string") {
      var holder = document.createElement("div");
      holder.innerHTML = found.summary;
      var fresh = holder.firstElementChild;
      if (fresh) { summary.replaceWith(fresh); summary = fresh; }
    }
    var frame = document.querySelector("[data-ed-preview]");
    if (frame && found.preview) { frame.src = found.preview; }
  }

  function check() {
    if (sending) { again = true; return; }
    sending = true;
    fetch(form.getAttribute("action") + "/check", {
      method: "POST", body: body(), credentials: "same-origin",
      headers: {"content-type": "application/x-www-form-urlencoded"}
    }).then(function (response) { return response.json(); })
      .then(show)
      .catch(function () { /* the server stopped: the buttons still say so */ })
      .then(function () { sending = false; if (again) { again = false; check(); } });
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });
  form.addEventListener("keydown", function (event) {
    // Enter in a law picker's search box finds, rather than pressing the form's first button
    if (event.key === "Enter" && event.target.type === "search") {
      var find = event.target.parentNode.querySelector("[data-ed-find]");
      if (find) { event.preventDefault(); find.click(); }
    }
  });
  form.addEventListener("submit", function () { saving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !saving) { event.preventDefault(); event.returnValue = ""; }
  });
})();
