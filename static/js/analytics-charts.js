/* Draws the analytics charts with Chart.js from the data the page embeds.
   The same numbers are in the tables beside each chart, so nothing depends
   on this script. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var source = document.getElementById("chart-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.animation = reduced ? false : Chart.defaults.animation;
  Chart.defaults.color = "#1b1f24";

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  draw("chart-over-time", {
    type: "line",
    data: {
      labels: data.days,
      datasets: [
        { label: canvasLabel("chart-over-time", 0), data: data.enrollments, borderColor: "#1f5f8b", backgroundColor: "#1f5f8b" },
        { label: canvasLabel("chart-over-time", 1), data: data.completions, borderColor: "#b0561e", backgroundColor: "#b0561e" }
      ]
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  draw("chart-funnel", {
    type: "bar",
    data: { labels: data.funnel_labels, datasets: [{ label: canvasLabel("chart-funnel", 0), data: data.funnel, backgroundColor: "#1f5f8b" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } } }
  });
  draw("chart-dropoff", {
    type: "bar",
    data: {
      labels: data.lessons,
      datasets: [
        { label: canvasLabel("chart-dropoff", 0), data: data.completed, backgroundColor: "#1f5f8b" },
        { label: canvasLabel("chart-dropoff", 1), data: data.stuck, backgroundColor: "#b0561e" }
      ]
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });

  function canvasLabel(id, index) {
    var canvas = document.getElementById(id);
    var labels = canvas ? (canvas.dataset.labels || "").split("|") : [];
    return labels[index] || "";
  }
})();
