// Draws the coverage heatmap from the JSON the server put into the page; the table shows the same numbers.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("coverage-chart");
  var source = document.getElementById("coverage-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  holder.style.height = Math.max(240, 28 * data.districts.length + 120) + "px";
  var chart = echarts.init(holder, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    grid: { left: 230, right: 24, top: 70, bottom: 24 },
    xAxis: { type: "category", data: data.phases, position: "top", axisLabel: { interval: 0, width: 150, overflow: "break" } },
    yAxis: { type: "category", data: data.districts, inverse: true },
    visualMap: { show: false, min: 0, max: Math.max(3, data.minimum * 2), inRange: { color: ["#b3261e", "#f2c94c", "#7fb77e", "#2e7d32"] } },
    series: [{ type: "heatmap", data: data.cells, label: { show: true, color: "#111" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
