// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.matches && el.matches("select[data-autosubmit]")) { el.form.submit(); }
});
document.querySelectorAll("select#language-select").forEach(function (el) {
  el.removeAttribute("onchange");
  el.addEventListener("change", function () { el.form.submit(); });
});
// Print buttons (`data-print`): the CSP forbids inline onclick handlers.
document.addEventListener("click", function (event) {
  var el = event.target && event.target.closest ? event.target.closest("[data-print]") : null;
  if (el) { event.preventDefault(); window.print(); }
});
// htmx swaps only 2xx answers: on a server error, show one banner (never the error page itself).
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (!box) { return; }
  box.hidden = false;
  box.focus();
});
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr && event.detail.xhr.status >= 500) { event.detail.shouldSwap = false; event.detail.isError = true; }
});
