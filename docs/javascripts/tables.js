/* Wide tables and charts scroll sideways in their own box, never off the page unseen.
 *
 * The stylesheet (docs/stylesheets/playbook.css, "Wide tables") keeps each table's first column
 * in view while it scrolls. This script marks each box that is narrower than what it holds
 * (`data-pb-scroll`, "more" or "end" once scrolled to its end) so the stylesheet can fade its
 * right edge and write "Scroll sideways for more" above it, and lets the keyboard scroll it.
 * It reads sizes only and writes no content of the page's own. Without JavaScript the boxes
 * still scroll, with their scroll bar as the cue.
 */
(function () {
  "use strict";

  var BOXES = ".md-content .md-typeset__scrollwrap, .md-content .pb-matrix, " +
    ".md-content .pb-compare, .md-content .pb-scroll, .md-content .pb-chart-table";

  function scrolls(box) {
    var overflow = window.getComputedStyle(box).overflowX;
    return overflow === "auto" || overflow === "scroll";
  }

  function mark(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    if (hidden <= 1) {
      box.removeAttribute("data-pb-scroll");
      return;
    }
    box.setAttribute("data-pb-scroll", box.scrollLeft >= hidden - 1 ? "end" : "more");
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  }

  function start() {
    var boxes = Array.prototype.filter.call(document.querySelectorAll(BOXES), scrolls);
    var resized = "ResizeObserver" in window
      ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { mark(entry.target); });
      })
      : null;
    boxes.forEach(function (box) {
      mark(box);
      box.addEventListener("scroll", function () { mark(box); }, { passive: true });
      if (resized) resized.observe(box);
    });
  }

  // Material wraps tables in their scroll boxes when it loads a page (`document$`); after it.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
