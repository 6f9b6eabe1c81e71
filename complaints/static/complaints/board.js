/* The public map: the list below stays the content; the map only shows the same (rounded) points. */
window.addEventListener("load", function () {
  "use strict";
  var box = document.querySelector("[data-board-map]"), data = document.getElementById("report-points");
  if (!box || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  if (!points.length) return;
  box.hidden = false;
  var map = window.L.map(box);
  window.L.tileLayer(box.dataset.tiles, {maxZoom: 19, attribution: box.dataset.attribution}).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var ll = [parseFloat(p.lat), parseFloat(p.lon)];
    bounds.push(ll);
    var link = document.createElement("a");
    link.href = p.url; link.textContent = p.topic + " (" + p.label + ")";
    window.L.circleMarker(ll, {radius: 8, weight: 2, color: p.status === "done" ? "#00703c" : "#1d70b8"}).addTo(map).bindPopup(link);
  });
  map.fitBounds(bounds, {maxZoom: 16, padding: [20, 20]});
});
