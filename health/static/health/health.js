// Conditional questions: show a question only when the earlier answer it depends on is
// chosen. The server applies the same rule, so this only spares people irrelevant questions.
(function () {
  var form = document.querySelector("[data-health-form]");
  if (!form) return;
  function chosen(key) {
    var values = [];
    form.querySelectorAll('[name="q-' + key + '"]').forEach(function (input) {
      var item = input.closest("[data-question]");
      if (input.checked && item && !item.hidden) values.push(input.value);
    });
    return values;
  }
  function update() {
    form.querySelectorAll("[data-show-if]").forEach(function (item) {
      var wanted = item.getAttribute("data-show-if-answers").split(",");
      var show = chosen(item.getAttribute("data-show-if")).some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
      item.hidden = !show;
    });
  }
  form.addEventListener("change", update);
  update();
})();
