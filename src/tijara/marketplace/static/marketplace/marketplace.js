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
  // Product gallery: the main photo opens at full size in a dialog (Escape closes it, focus returns to the photo).
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-zoom]");
    var dialog = document.getElementById("photo-zoom");
    if (!opener || !dialog || typeof dialog.showModal !== "function") { return; }
    event.preventDefault();
    var old = dialog.querySelector("img");
    if (old) { old.remove(); }
    var image = document.createElement("img");
    image.src = opener.getAttribute("href");
    image.alt = (opener.querySelector("img") || {}).alt || "";
    dialog.appendChild(image);
    dialog.addEventListener("close", function () { opener.focus(); }, { once: true });
    dialog.showModal();
  });
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
