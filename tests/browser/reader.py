"""The page's own words as a reader meets them, for the language checks of the browser tests.

Text nodes and the `title`, `aria-label`, `placeholder` and `alt` attributes under `root`, leaving out what is meant
to stay foreign: `[dir=ltr]` codes, `<bdi>` names and user texts, `<code>`, form inputs, SVG, and elements marked with
another `lang`. Option lists (`<select>`) are read only when asked: they hold the language switcher's own names.
"""

SKIP = "[dir=ltr], bdi, code, .code, script, style, noscript, template, textarea, input, svg"

_READ = """({lang, root, skip}) => {
  const base = document.querySelector(root) || document.body;
  const foreign = (el) => { const holder = el.closest("[lang]"); return holder && holder.lang && holder.lang !== lang; };
  const out = [];
  const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || foreign(el)) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of base.querySelectorAll("[title], [aria-label], [placeholder], img[alt]")) {
    if (el.closest(skip) || foreign(el)) continue;
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  out.push(document.title);
  return out;
}"""


def read_text(page, lang: str, *, root: str = "body", read_selects: bool = False) -> list[str]:
    """What a reader of `lang` reads on `page` under the `root` element (CSS selector)."""
    skip = SKIP if read_selects else f"{SKIP}, select"
    return page.evaluate(_READ, {"lang": lang, "root": root, "skip": skip})
