// Draws the survey results' charts from the JSON the server put into the page; each table shows the same numbers.
// Hidden (small) cells arrive as null and are left out.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("survey-charts");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var palette = ["#005a9c", "#b35c00", "#2e7d32", "#7b1fa2", "#c62828", "#00695c", "#4e342e", "#37474f"];
  var scale = ["#b71c1c", "#e57373", "#bdbdbd", "#64b5f6", "#0d47a1", "#1b5e20", "#43a047"];
  var charts = [];
  Object.keys(data).forEach(function (id) {
    var element = document.getElementById(id), spec = data[id];
    if (!element) return;
    var stacked = spec.type === "stacked";
    element.style.height = Math.max(200, 34 * spec.categories.length * (stacked ? 1 : Math.min(spec.series.length, 3)) + 90) + "px";
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false, color: stacked && spec.series.length <= 7 ? scale.slice(0, spec.series.length) : palette,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v === null ? "–" : v + " %"; } },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 180, right: 24, top: 16, bottom: 48 },
      xAxis: { type: "value", max: stacked ? 100 : null, axisLabel: { formatter: "{value} %" } },
      yAxis: { type: "category", data: spec.categories, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
      series: spec.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.values, stack: stacked ? "all" : null };
      })
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
});
