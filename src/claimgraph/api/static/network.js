// Progressive enhancement of /network: the page already lists every edge; this draws them with
// cytoscape.js (shipped in static/vendor). Data comes from the JSON API; labels are set as data,
// never as HTML, so hostile names stay text.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box || typeof cytoscape !== "function") { return; }
  fetch(box.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (net) {
      if (!net.nodes || !net.nodes.length) { box.textContent = "No linked entities."; return; }
      var maxW = Math.max.apply(null, net.edges.map(function (e) { return e.weight; }).concat([1]));
      var elements = net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, type: n.type, size: 18 + 6 * Math.min(n.claims, 8) } };
      }).concat(net.edges.map(function (e) {
        return { data: { id: e.id, source: e.source, target: e.target, label: e.label, weight: e.weight,
                         width: 1 + 7 * e.weight / maxW, claim: e.claims[0] } };
      }));
      var cy = cytoscape({
        container: box, elements: elements, wheelSensitivity: 0.3,
        layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 110 },
        style: [
          { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
            "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, "background-color": "#4a6fa5" } },
          { selector: "node[type = 'PERSON']", style: { "background-color": "#c0603a" } },
          { selector: "node[type = 'GPE'], node[type = 'LOC']", style: { "background-color": "#4b8f5a" } },
          { selector: "edge", style: { "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
            "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1", "label": "data(label)", "font-size": 9,
            "text-rotation": "autorotate", "color": "#555" } }
        ]
      });
      cy.on("tap", "node", function (ev) { window.location.href = "/entity/" + encodeURIComponent(ev.target.id()); });
      cy.on("tap", "edge", function (ev) { window.location.href = "/claim/" + encodeURIComponent(ev.target.data("claim")); });
      box.setAttribute("data-ready", "1");
    })
    .catch(function () { box.textContent = "Could not load the network."; });
}());
