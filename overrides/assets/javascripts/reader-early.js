/* Loaded synchronously in <head>: applies the reader's saved text size and contrast
   before the first paint, so pages never flash at the default size. An external file
   (not an inline script) keeps the Content-Security-Policy strict. */
(function () {
  var root = document.documentElement;
  try {
    var size = localStorage.getItem("portal.text");
    var contrast = localStorage.getItem("portal.contrast");
    if (size !== null) root.setAttribute("data-portal-text", size);
    if (contrast === "high") root.setAttribute("data-portal-contrast", "high");
  } catch (error) {
    /* storage blocked: defaults, and prefers-contrast in CSS, still apply */
  }
})();
