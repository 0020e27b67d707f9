// Gallery lightbox for record pages (portal/records.py). Without this script each
// thumbnail is a plain link to its full-size JPEG. With it, a thumbnail opens a modal
// <dialog> showing the photo large with its caption and credit: arrow keys and two
// buttons move through the gallery, Escape or the close button closes it and focus
// returns to the thumbnail that opened it. Written here rather than taken from a
// library: the native <dialog> does the modal work (focus trap, Escape, inert page),
// so what is left is a few dozen lines, and it sets no inline style (the site's CSP
// allows none) and loads only on pages that have a gallery.
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return;

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.setAttribute("data-action", action);
    return element;
  }

  function setUp(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a.portal-gallery__link"));
    if (!links.length) return;
    var labels = gallery.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "portal-lightbox";
    var title = gallery.querySelector("h2");
    if (title) dialog.setAttribute("aria-label", title.textContent);
    var frame = document.createElement("figure");
    var caption = document.createElement("figcaption");
    caption.className = "portal-lightbox__caption";
    var controls = document.createElement("div");
    controls.className = "portal-lightbox__controls";
    var previous = button(labels.previous, "previous");
    var next = button(labels.next, "next");
    var close = button(labels.close, "close");
    var counter = document.createElement("span");
    counter.className = "portal-lightbox__counter";
    counter.setAttribute("aria-live", "polite");
    if (links.length > 1) controls.append(previous, counter, next);
    controls.append(close);
    dialog.append(frame, caption, controls);
    document.body.append(dialog);
    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var picture = link.querySelector("picture").cloneNode(true);
      // Large now: let the browser pick the rendition for the whole viewport.
      picture.querySelectorAll("source, img").forEach(function (element) {
        element.setAttribute("sizes", "100vw");
      });
      var image = picture.querySelector("img");
      image.loading = "eager";
      frame.replaceChildren(picture);
      var text = link.closest("figure").querySelector("figcaption");
      caption.replaceChildren.apply(caption, text ? Array.prototype.map.call(text.childNodes, function (node) {
        return node.cloneNode(true);
      }) : []);
      counter.textContent = labels.counter.replace("{n}", current + 1).replace("{total}", links.length);
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-action");
      if (action === "previous") show(current - 1);
      else if (action === "next") show(current + 1);
      else if (action === "close") dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      else if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      else if (event.key === "Tab") {
        // The modal dialog makes the page inert, but Tab would still leave for the
        // browser's own controls: keep it going round the dialog's buttons.
        var buttons = controls.querySelectorAll("button");
        var first = buttons[0], last = buttons[buttons.length - 1];
        if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
        else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
      }
    });
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
    });
  }

  document.querySelectorAll(".portal-gallery").forEach(setUp);
})();
