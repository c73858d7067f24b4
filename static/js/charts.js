/* Charts, progressively enhanced: the SVG works without this file. On the network: hovering
   or focusing a node highlights its ties; buttons, the wheel and dragging zoom and pan by
   changing the viewBox. No dependencies, no inline code (the CSP allows neither). */
(function () {
  "use strict";
  function enhance(svg) {
    if (svg.dataset.enhanced) return;
    svg.dataset.enhanced = "1";
    var base = svg.viewBox.baseVal;
    var home = [base.x, base.y, base.width, base.height];
    var view = home.slice();
    function apply() { svg.setAttribute("viewBox", view.join(" ")); }
    function zoom(factor, cx, cy) {
      var w = Math.min(home[2], Math.max(home[2] / 8, view[2] * factor));
      var h = w * home[3] / home[2];
      cx = cx === undefined ? view[0] + view[2] / 2 : cx;
      cy = cy === undefined ? view[1] + view[3] / 2 : cy;
      view = [cx - (cx - view[0]) * w / view[2], cy - (cy - view[1]) * h / view[3], w, h];
      apply();
    }
    function point(event) {
      var r = svg.getBoundingClientRect();
      return [view[0] + (event.clientX - r.left) / r.width * view[2],
              view[1] + (event.clientY - r.top) / r.height * view[3]];
    }
    var bar = document.createElement("div");
    bar.className = "zoom-controls";
    [["+", function () { zoom(0.7); }], ["\u2212", function () { zoom(1 / 0.7); }],
     ["\u21ba", function () { view = home.slice(); apply(); }]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b[0];
      button.setAttribute("aria-label", {"+": "Zoom in", "\u2212": "Zoom out"}[b[0]] || "Reset");
      button.addEventListener("click", b[1]);
      bar.appendChild(button);
    });
    svg.parentNode.parentNode.insertBefore(bar, svg.parentNode);
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;  // a plain wheel scrolls the page
      event.preventDefault();
      var p = point(event);
      zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, {passive: false});
    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (event) { drag = point(event); moved = false; });
    svg.addEventListener("pointermove", function (event) {
      if (!drag || view[2] === home[2]) return;
      var p = point(event);
      view[0] += drag[0] - p[0];
      view[1] += drag[1] - p[1];
      moved = true;
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("click", function (event) { if (moved) event.preventDefault(); }, true);
    function highlight(id) {
      svg.classList.toggle("highlighting", !!id);
      svg.querySelectorAll(".near").forEach(function (el) { el.classList.remove("near"); });
      if (!id) return;
      svg.querySelectorAll(".edge, .node").forEach(function (el) {
        if (el.dataset.node === id || el.dataset.a === id || el.dataset.b === id) {
          el.classList.add("near");
          [el.dataset.a, el.dataset.b].forEach(function (end) {
            var node = end && svg.querySelector('.node[data-node="' + CSS.escape(end) + '"]');
            if (node) node.classList.add("near");
          });
        }
      });
    }
    svg.querySelectorAll(".node").forEach(function (node) {
      node.addEventListener("mouseenter", function () { highlight(node.dataset.node); });
      node.addEventListener("focus", function () { highlight(node.dataset.node); });
      node.addEventListener("mouseleave", function () { highlight(null); });
      node.addEventListener("blur", function () { highlight(null); });
    });
  }
  function start() { document.querySelectorAll("svg[data-chart=network]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
