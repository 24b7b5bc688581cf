// Draws the report's charts from the JSON the server put into the page; the tables show the same numbers.
// Suppressed cells arrive as null and are left out of the lines and bars.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("monitoring-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var charts = [];
  var palette = ["#005a9c", "#b35c00", "#2e7d32", "#7b1fa2", "#c62828", "#00695c", "#4e342e", "#37474f"];

  var holder = document.getElementById("monitoring-series");
  var counts = data.series.filter(function (s) { return !s.ratio; });
  if (holder && counts.length && data.dates.length > 1) {
    var series = [];
    counts.forEach(function (s, i) {
      var colour = palette[i % palette.length];
      series.push({ name: s.name, type: "line", data: s.values, connectNulls: false, symbolSize: 7, itemStyle: { color: colour } });
      if (s.target) {
        series.push({ name: s.name + " – Ziel", type: "line", data: data.dates.map(function () { return s.target; }),
                      symbol: "none", lineStyle: { type: "dashed", width: 1.5, color: colour }, itemStyle: { color: colour } });
      }
    });
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false, color: palette,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 56, right: 24, top: 24, bottom: 72 },
      xAxis: { type: "category", data: data.dates },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    });
    charts.push(chart);
  } else if (holder) {
    holder.remove();
  }

  document.querySelectorAll(".monitoring-bars").forEach(function (element) {
    var section = data.breakdowns[Number(element.dataset.index)];
    if (!section || !section.series.length) { element.remove(); return; }
    element.style.height = Math.max(260, 26 * section.groups.length * Math.min(section.series.length, 3) + 120) + "px";
    var bars = echarts.init(element, null, { renderer: "canvas" });
    bars.setOption({
      animation: false, color: palette,
      title: { text: section.title + " (" + data.dates[data.dates.length - 1] + ")", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 200, right: 24, top: 40, bottom: 56 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: section.groups, inverse: true, axisLabel: { width: 180, overflow: "truncate" } },
      series: section.series.map(function (s) { return { name: s.name, type: "bar", data: s.values }; })
    });
    charts.push(bars);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
});
