/* Text size (four steps) and high contrast, remembered across pages in localStorage.
   The buttons are real <button>s: keyboard-operable with the browser's own focus. */
(function () {
  var STEPS = [-1, 0, 1, 2];
  var root = document.documentElement;
  var controls = document.querySelector(".portal-reader");
  if (!controls) return;

  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (error) { /* private mode */ }
  }

  function currentStep() {
    var value = parseInt(root.getAttribute("data-portal-text") || "0", 10);
    return STEPS.indexOf(value) >= 0 ? value : 0;
  }

  function render() {
    var step = currentStep();
    controls.querySelectorAll("[data-portal-text]").forEach(function (button) {
      var action = parseInt(button.getAttribute("data-portal-text"), 10);
      var disabled = (action < 0 && step === STEPS[0]) || (action > 0 && step === STEPS[STEPS.length - 1]);
      button.disabled = disabled;
      button.setAttribute("aria-pressed", String(action === 0 && step === 0));
    });
    var contrast = controls.querySelector("[data-portal-contrast]");
    contrast.setAttribute("aria-pressed", String(root.getAttribute("data-portal-contrast") === "high"));
  }

  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-portal-contrast")) {
      var high = root.getAttribute("data-portal-contrast") !== "high";
      if (high) root.setAttribute("data-portal-contrast", "high");
      else root.removeAttribute("data-portal-contrast");
      save("portal.contrast", high ? "high" : "normal");
    } else {
      var action = parseInt(button.getAttribute("data-portal-text"), 10);
      var step = action === 0 ? 0 : currentStep() + action;
      step = Math.max(STEPS[0], Math.min(STEPS[STEPS.length - 1], step));
      root.setAttribute("data-portal-text", String(step));
      save("portal.text", String(step));
    }
    render();
  });

  // Material wraps wide tables in a scrolling box as it renders; make each box reachable
  // with the keyboard so the table can be scrolled without a mouse.
  function focusableScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.tabIndex = 0;
    });
  }
  new MutationObserver(focusableScrollBoxes).observe(document.body, { childList: true, subtree: true });
  focusableScrollBoxes();

  // Material's search dialog has no accessible name: give it the search box's own label.
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
  }

  // Into the header, before the colour-scheme switch.
  var header = document.querySelector(".md-header__inner");
  var anchor = header && header.querySelector(".md-header__option");
  if (header) header.insertBefore(controls, anchor || null);
  controls.hidden = false;
  render();
})();
