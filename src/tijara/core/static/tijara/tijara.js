// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.matches && el.matches("select[data-autosubmit]")) { el.form.submit(); }
});
document.querySelectorAll("select#language-select").forEach(function (el) {
  el.removeAttribute("onchange");
  el.addEventListener("change", function () { el.form.submit(); });
});
