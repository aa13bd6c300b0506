/* Suggestions under the header search box: an ARIA 1.2 combobox with a listbox popup.
 * Keyboard: ↓/↑ move through suggestions, Enter opens the chosen one, Esc closes the list.
 * Without JavaScript the box is a plain search form. */
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  var status = document.getElementById("site-search-status");
  if (!input || !list || !window.fetch) return;

  var url = input.getAttribute("data-suggest-url");
  var statusTemplate = input.getAttribute("data-suggest-status") || "__COUNT__";
  var items = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    if (items[index]) window.location.assign(items[index].url);
  }

  function mark(index) {
    var options = list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function render(suggestions) {
    items = suggestions;
    list.innerHTML = "";
    suggestions.forEach(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "site-search__option";
      var title = document.createElement("span");
      title.textContent = suggestion.title;
      var kind = document.createElement("span");
      kind.className = "site-search__kind";
      kind.textContent = suggestion.kind_label;
      option.appendChild(title);
      option.appendChild(kind);
      // mousedown, not click: it runs before the input loses focus and closes the list.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(i);
      });
      list.appendChild(option);
    });
    active = -1;
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    if (status) status.textContent = statusTemplate.replace("__COUNT__", suggestions.length);
  }

  function load() {
    var q = input.value.trim();
    if (!q) {
      close();
      return;
    }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) render(data.suggestions || []); })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 150);
  });

  input.addEventListener("keydown", function (event) {
    // While a Korean syllable is being composed, Enter and the arrows belong to the IME.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      mark((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      mark(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      // A search field clears itself on Esc: keep what the reader typed, close the list only.
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", function () { window.setTimeout(close, 100); });
})();
