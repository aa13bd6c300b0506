// Add to basket from a story without leaving it: post Oscar's own basket form, then take the
// new basket count from the page Oscar redirects to. Without JavaScript the form still works
// (Oscar redirects back to the story).
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-shoppable-add]");
  if (!form || !window.fetch || !window.DOMParser) return;
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  const status = form.querySelector("[data-shoppable-status]");
  // Disabling the pressed button drops focus to <body>: give it back afterwards.
  const hadFocus = document.activeElement === button || document.activeElement === document.body;
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const newCount = fresh.querySelector("[data-testid=basket-count]");
    const count = document.querySelector("[data-testid=basket-count]");
    if (newCount && count) {
      count.textContent = newCount.textContent;
      count.setAttribute("aria-label", newCount.getAttribute("aria-label") || "");
    }
    const error = fresh.querySelector(".site-message--error");
    if (status) status.textContent = error ? error.textContent.trim() : form.dataset.addedText;
  } catch (err) {
    form.submit();
  } finally {
    button.disabled = false;
    if (hadFocus) button.focus();
  }
});
