// Progressive enhancement for the catalog pages (everything works without it).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.matches && el.matches("input[data-select-all]")) {
    var form = el.form || document;
    form.querySelectorAll('input[type=checkbox][name="' + el.dataset.selectAll + '"]').forEach(function (box) {
      box.checked = el.checked;
    });
  }
});
