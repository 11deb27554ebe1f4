/* The theme, site-wide: what axe-core finds in Material's defaults, fixed
   (tests/browser/test_accessibility.py). */
(function () {
  "use strict";

  /* The search is a role="dialog" with no name (axe: aria-dialog-name); name it after
     its search field. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      var field = dialog.querySelector("input");
      dialog.setAttribute("aria-label", (field && field.getAttribute("aria-label")) || "Search");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();
