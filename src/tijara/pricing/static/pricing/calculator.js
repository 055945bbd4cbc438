// Print button of the calculator (no inline script: the CSP allows only same-origin files).
document.addEventListener("click", function (event) {
  var el = event.target;
  if (el && el.matches && el.matches("[data-print]")) { window.print(); }
});
