/* Report form enhancements; the form works without them (typed address, village, photo GPS on the server). */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var lat = form.querySelector("[name=latitude]"), lon = form.querySelector("[name=longitude]");
  var status = form.querySelector("[data-locate-status]");
  var marker = null, map = null;
  function setPlace(la, lo, text) {
    lat.value = la.toFixed(6); lon.value = lo.toFixed(6);
    if (status) status.textContent = text + ": " + lat.value + ", " + lon.value;
    if (map) { if (marker) marker.setLatLng([la, lo]); else marker = window.L.marker([la, lo]).addTo(map); map.setView([la, lo], 17); }
  }
  var locate = form.querySelector("[data-locate]");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.querySelector("[data-locate-button]").addEventListener("click", function () {
      status.textContent = document.documentElement.lang === "en" ? "Finding your location…" : "กำลังหาตำแหน่งของท่าน…";
      navigator.geolocation.getCurrentPosition(function (p) {
        setPlace(p.coords.latitude, p.coords.longitude, document.documentElement.lang === "en" ? "Place set" : "ระบุตำแหน่งแล้ว");
      }, function () {
        status.textContent = document.documentElement.lang === "en" ? "Location not available: put a pin on the map or type an address." : "หาตำแหน่งไม่ได้ ปักหมุดบนแผนที่หรือพิมพ์ที่อยู่แทน";
      }, {enableHighAccuracy: true, timeout: 10000});
    });
  }
  var box = form.querySelector("[data-pin-map]");
  window.addEventListener("load", function () {
    if (!box || !window.L) return;
    box.hidden = false;
    var la = parseFloat(lat.value || box.dataset.lat || "13.75"), lo = parseFloat(lon.value || box.dataset.lon || "100.5");
    map = window.L.map(box).setView([la, lo], lat.value || box.dataset.lat ? 15 : 6);
    window.L.tileLayer(box.dataset.tiles, {maxZoom: 19, attribution: box.dataset.attribution}).addTo(map);
    if (lat.value) marker = window.L.marker([la, lo]).addTo(map);
    map.on("click", function (e) { setPlace(e.latlng.lat, e.latlng.lng, document.documentElement.lang === "en" ? "Pin placed" : "ปักหมุดแล้ว"); });
  });
})();
