/* Loaded synchronously in <head>, before anything is drawn. An external file, not an
   inline script, so the Content-Security-Policy stays strict. */
(function () {
  var root = document.documentElement;

  // 1. The reader's saved text size and contrast, applied before the first paint so
  //    pages never flash at the default size.
  try {
    var size = localStorage.getItem("portal.text");
    var contrast = localStorage.getItem("portal.contrast");
    if (size !== null) root.setAttribute("data-portal-text", size);
    if (contrast === "high") root.setAttribute("data-portal-contrast", "high");
  } catch (error) {
    /* storage blocked: defaults, and prefers-contrast in CSS, still apply */
  }

  // 2. Material for MkDocs fetches "sitemap.xml" next to every <link rel="alternate">
  //    of the page, expecting them to be language roots; ours are the page's own
  //    translations (hreflang), so each fetch would be a 404 on every page view. The
  //    links stay in the HTML that crawlers read (and in the sitemaps); once parsed,
  //    before Material's script looks, they are taken out of its way.
  document.addEventListener("DOMContentLoaded", function () {
    var links = document.querySelectorAll('link[rel="alternate"]');
    for (var index = 0; index < links.length; index++) {
      links[index].setAttribute("data-rel", "alternate");
      links[index].removeAttribute("rel");
    }
  });
})();
