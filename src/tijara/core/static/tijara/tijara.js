// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add("js");
// Phone menu: the button shows and hides the navigation panel; Escape closes it and focus returns to the button.
(function () {
  var button = document.querySelector(".menu-toggle");
  var nav = button ? document.getElementById(button.getAttribute("aria-controls")) : null;
  if (!nav) { return; }
  button.hidden = false;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }
  button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var more = document.querySelector(".nav-more[open]");
    if (more) { more.open = false; more.querySelector("summary").focus(); return; }
    if (button.getAttribute("aria-expanded") === "true") { set(false); button.focus(); }
  });
  // A click outside the desktop "More" panel closes it.
  document.addEventListener("click", function (event) {
    var more = document.querySelector(".nav-more[open]");
    if (more && !more.contains(event.target)) { more.open = false; }
  });
})();
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
// Tables that become cards on phones (`.rtable`): `display:block` drops the table semantics in some browsers,
// so the roles are set explicitly.
document.querySelectorAll("table.rtable").forEach(function (table) {
  table.setAttribute("role", "table");
  table.querySelectorAll("thead, tbody, tfoot").forEach(function (el) { el.setAttribute("role", "rowgroup"); });
  table.querySelectorAll("tr").forEach(function (el) { el.setAttribute("role", "row"); });
  table.querySelectorAll("thead th, th[scope=col]").forEach(function (el) { el.setAttribute("role", "columnheader"); });
  table.querySelectorAll("tbody th[scope=row]").forEach(function (el) { el.setAttribute("role", "rowheader"); });
  table.querySelectorAll("td").forEach(function (el) { el.setAttribute("role", "cell"); });
});
