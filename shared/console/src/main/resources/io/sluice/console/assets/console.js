// Draws each type's last hour (per minute) with uPlot, on first load and after every htmx refresh. The numbers
// come from the page itself (data-chart); nothing is fetched here.
(function () {
  function draw(root) {
    if (typeof uPlot === "undefined") {
      return;
    }
    root.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) {
        return;
      }
      el.dataset.drawn = "1";
      var d = JSON.parse(el.dataset.chart);
      new uPlot({
        width: Math.max(280, el.clientWidth || 320),
        height: 130,
        series: [
          {},
          { label: "succeeded", stroke: "#2e7d32", width: 2 },
          { label: "failed attempts", stroke: "#a15c00", width: 2 },
          { label: "dead-lettered", stroke: "#b3261e", width: 2 }
        ],
        axes: [{}, { size: 40 }],
        scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } }
      }, [d.t, d.succeeded, d.failed, d.dead], el);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (e) { draw(e.target); });
})();
