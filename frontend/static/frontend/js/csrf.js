// Pages may come from a cache shared by every reader, so their forms carry no CSRF token in the
// HTML (thecen/cdn.py). Fill each form's empty token from the csrftoken cookie; a reader who
// has none yet gets it from /-/csrf/ first.
(() => {
  const inputs = () => document.querySelectorAll("input[data-csrf]");
  const cookie = () => {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };
  const fill = () => {
    const token = cookie();
    if (token) inputs().forEach((input) => { input.value = token; });
    return token;
  };
  const ready = () => {
    if (!inputs().length || fill()) return;
    fetch("/-/csrf/", { credentials: "same-origin", cache: "no-store" }).then(fill, () => {});
  };
  // A form sent before the fetch came back still takes the token if the cookie is there now.
  document.addEventListener("submit", fill, true);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
