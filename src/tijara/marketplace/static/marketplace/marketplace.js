// Buyers' catalog: facets open beside the results on wide screens, folded under "Filters" on phones.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 64rem)");
  function sync() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      if (wide.matches) { panel.setAttribute("open", ""); }
    });
  }
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:afterSwap", sync);
  wide.addEventListener("change", sync);
  // Product gallery: a thumbnail shows its photo in the main frame (links work without JavaScript).
  document.addEventListener("click", function (event) {
    var thumb = event.target.closest("[data-gallery-thumb]");
    if (!thumb) { return; }
    var gallery = thumb.closest(".gallery");
    var main = gallery && gallery.querySelector(".gallery__main img");
    var link = gallery && gallery.querySelector(".gallery__main a");
    if (!main || !link) { return; }
    event.preventDefault();
    main.src = thumb.getAttribute("data-web");
    link.href = thumb.getAttribute("href");
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
      other.removeAttribute("aria-current");
    });
    thumb.setAttribute("aria-current", "true");
  });
})();
