// Draws the coverage heatmap from the JSON the server put into the page; the table shows the same numbers.
// On a narrow screen (a phone) the phases are shown by their number and long district names are shortened,
// so no labels overlap; the table below the chart names them in full.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("coverage-chart");
  var source = document.getElementById("coverage-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  holder.style.height = Math.max(240, 28 * data.districts.length + 120) + "px";
  var chart = echarts.init(holder, null, { renderer: "canvas" });

  function options() {
    var narrow = holder.clientWidth < 640;
    var phases = narrow ? data.phases.map(function (name) { return name.split(".")[0]; }) : data.phases;
    var left = narrow ? 112 : 230;
    return {
      animation: false,
      grid: { left: left, right: narrow ? 8 : 24, top: narrow ? 36 : 70, bottom: 24 },
      xAxis: { type: "category", data: phases, position: "top",
               axisLabel: { interval: 0, width: narrow ? 40 : 150, overflow: "break" } },
      yAxis: { type: "category", data: data.districts, inverse: true,
               axisLabel: { width: left - 12, overflow: "truncate", fontSize: narrow ? 11 : 12 } },
      visualMap: { show: false, min: 0, max: Math.max(3, data.minimum * 2),
                   inRange: { color: ["#b3261e", "#f2c94c", "#7fb77e", "#2e7d32"] } },
      series: [{ type: "heatmap", data: data.cells, label: { show: true, color: "#111" } }]
    };
  }

  chart.setOption(options());
  window.addEventListener("resize", function () { chart.setOption(options()); chart.resize(); });
});
