/* The header's menu button on phones. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var toggle = document.querySelector(".site-menu-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  });
})();

/* The booking calendar: choosing a day shows its times and selects the first free one. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.booking-day") : null;
    if (!button) return;
    var form = button.closest("form");
    var day = button.getAttribute("data-day");
    form.querySelectorAll("button.booking-day").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
    var shown = null;
    form.querySelectorAll(".booking-times").forEach(function (times) {
      var match = times.getAttribute("data-day") === day;
      times.classList.toggle("is-shown", match);
      times.querySelectorAll("input").forEach(function (input) {
        if (!match) input.checked = false;
      });
      if (match) shown = times;
    });
    if (shown) {
      var first = shown.querySelector("input:not(:disabled)");
      if (first) { first.checked = true; first.focus(); }
    }
  });
})();
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".booking-form").forEach(function (form) {
    var first = form.querySelector("button.booking-day");
    if (!first) return;
    var day = first.getAttribute("data-day");
    first.setAttribute("aria-pressed", "true");
    form.querySelectorAll(".booking-times").forEach(function (times) {
      times.classList.toggle("is-shown", times.getAttribute("data-day") === day);
    });
  });
});

/* Share links: copy to the clipboard; the phone's share sheet (KakaoTalk and others). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.querySelector(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".share__status");
      function done() { if (status) status.textContent = button.getAttribute("data-copied"); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          input.select(); document.execCommand("copy"); done();
        });
      } else {
        input.select(); document.execCommand("copy"); done();
      }
    });
  });
  document.querySelectorAll("[data-share-url]").forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.getAttribute("data-share-title"), url: button.getAttribute("data-share-url") })
        .catch(function () {});
    });
  });
});

/* After adding to the basket the page reloads: put focus back on the button that was pressed,
   so a keyboard or screen-reader user stays where they were. */
(function () {
  "use strict";
  var KEY = "cen-basket-focus";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var action = form.getAttribute("action") || "";
    if (action.indexOf("/basket/add/") === -1) return;
    try { sessionStorage.setItem(KEY, action); } catch (e) { /* private mode */ }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var action;
    try { action = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (e) { return; }
    if (!action) return;
    var forms = document.querySelectorAll("form[action]");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].getAttribute("action") === action) {
        var button = forms[i].querySelector("button[type=submit], button:not([type])");
        if (button) { button.focus(); return; }
      }
    }
  });
})();

/* Oscar's basket page updates its lines in place (AJAX): keep the header's badge in step. */
window.addEventListener("load", function () {
  "use strict";
  if (!window.jQuery || !document.getElementById("basket_formset")) return;
  jQuery(document).ajaxComplete(function () {
    var badge = document.querySelector("[data-testid=basket-count]");
    var form = document.getElementById("basket_formset");
    if (!badge || !form) return;
    var total = 0;
    form.querySelectorAll("input[name$='-quantity']").forEach(function (input) {
      total += parseInt(input.value, 10) || 0;
    });
    var old = badge.textContent.trim();
    badge.textContent = String(total);
    var label = badge.getAttribute("aria-label");
    if (label) badge.setAttribute("aria-label", label.replace(old, String(total)));
  });
});
