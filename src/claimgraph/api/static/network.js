// Progressive enhancement of /network: the page already lists every edge; this draws them with
// cytoscape.js and the fcose layout (all shipped in static/vendor). Data comes from the JSON API;
// labels are set as data, never as HTML, so hostile names stay text.
//
// The layout is deterministic: nodes start on a circle in id order and every random draw inside
// the layout comes from a seeded generator, so a reload draws the same picture. fcose keeps nodes
// and their labels from overlapping. Edge labels show on hover (and for the focused entity).
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box || typeof cytoscape !== "function") { return; }
  if (typeof cytoscapeFcose === "function") { cytoscape.use(cytoscapeFcose); }

  function seeded(seed) {  // mulberry32: a small, fast, seedable PRNG
    return function () {
      seed |= 0; seed = seed + 0x6D2B79F5 | 0;
      var t = Math.imul(seed ^ seed >>> 15, 1 | seed);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  function runSeeded(fn) {
    var random = Math.random;
    Math.random = seeded(20240315);
    try { fn(); } finally { Math.random = random; }
  }

  var focus = box.getAttribute("data-focus") || "";
  fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (net) {
      if (!net.nodes || !net.nodes.length) { box.textContent = "No linked entities."; return; }
      var maxW = Math.max.apply(null, net.edges.map(function (e) { return e.weight; }).concat([1]));
      var nodes = net.nodes.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
      var r = 60 * Math.sqrt(nodes.length);
      var elements = nodes.map(function (n, i) {
        var a = 2 * Math.PI * i / nodes.length;
        return { data: { id: n.id, label: n.name, type: n.type, size: 16 + 5 * Math.min(n.claims, 8) },
                 position: { x: r * Math.cos(a), y: r * Math.sin(a) }, classes: n.id === focus ? "focus" : "" };
      }).concat(net.edges.map(function (e) {
        return { data: { id: e.id, source: e.source, target: e.target, label: e.label, weight: e.weight,
                         width: 1.5 + 6 * e.weight / maxW, claim: e.claims[0] } };
      }));
      var cy = cytoscape({
        container: box, elements: elements, wheelSensitivity: 0.3, minZoom: 0.3, maxZoom: 3,
        layout: { name: "preset" },
        style: [
          { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
            "font-size": 14, "color": "#1d232b", "text-valign": "bottom", "text-margin-y": 4,
            "text-wrap": "wrap", "text-max-width": 150, "min-zoomed-font-size": 0,
            "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
            "background-color": "#4a6fa5" } },
          { selector: "node[type = 'PERSON']", style: { "background-color": "#c0603a" } },
          { selector: "node[type = 'GPE'], node[type = 'LOC']", style: { "background-color": "#4b8f5a" } },
          { selector: "node.focus", style: { "border-width": 4, "border-color": "#f59e0b", "font-weight": "bold" } },
          { selector: "edge", style: { "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
            "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1", "label": "", "font-size": 12,
            "text-rotation": "autorotate", "color": "#1d232b", "text-background-color": "#fff8e1",
            "text-background-opacity": 1, "text-background-padding": 2 } },
          { selector: "edge.hover, edge.near", style: { "label": "data(label)", "line-color": "#4a6fa5",
            "target-arrow-color": "#4a6fa5" } },
          { selector: "node.hover", style: { "border-width": 3, "border-color": "#1f2d3d" } }
        ]
      });
      var layout = { name: typeof cytoscapeFcose === "function" ? "fcose" : "cose", animate: false, randomize: false,
                     quality: "proof", nodeDimensionsIncludeLabels: true, packComponents: true,
                     nodeRepulsion: 12000, idealEdgeLength: 120, nodeSeparation: 90, padding: 30 };
      runSeeded(function () { cy.layout(layout).run(); });
      if (focus) { cy.getElementById(focus).connectedEdges().addClass("near"); }
      cy.on("mouseover", "edge", function (ev) { ev.target.addClass("hover"); });
      cy.on("mouseout", "edge", function (ev) { ev.target.removeClass("hover"); });
      cy.on("mouseover", "node", function (ev) { ev.target.addClass("hover"); ev.target.connectedEdges().addClass("hover"); });
      cy.on("mouseout", "node", function (ev) { ev.target.removeClass("hover"); ev.target.connectedEdges().removeClass("hover"); });
      cy.on("tap", "node", function (ev) { window.location.href = "/entity/" + encodeURIComponent(ev.target.id()); });
      cy.on("tap", "edge", function (ev) { window.location.href = "/claim/" + encodeURIComponent(ev.target.data("claim")); });
      box.setAttribute("data-layout", layout.name);
      box.setAttribute("data-ready", "1");
      window.claimgraphNetwork = cy;  // for tests and the browser console
    })
    .catch(function () { box.textContent = "Could not load the network."; });
}());
