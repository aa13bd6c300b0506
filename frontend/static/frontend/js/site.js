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
