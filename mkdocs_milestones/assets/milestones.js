/* SPDX-License-Identifier: MIT
 * mkdocs-milestones: a progressive enhancement, the pages work without it.
 * A link to #phase-2 opens that phase (and any closed phase around a linked heading). */
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS" && !el.open) { el.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  /* Print every phase. The stylesheet does it with ::details-content where the browser has it;
   * this covers browsers without it (closed details content is not rendered there at all). */
  var printOpened = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details.ms-phase:not([open])");
    for (var i = 0; i < closed.length; i++) { closed[i].open = true; printOpened.push(closed[i]); }
  });
  window.addEventListener("afterprint", function () {
    while (printOpened.length) printOpened.pop().open = false;
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
  /* Material's instant navigation swaps pages without a load event. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  }
})();
