// Draws the cooperation graph (force layout) from the JSON the server put into the page; the list below it
// holds the same organisations, links and figures for keyboard and screen-reader users.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("network-graph");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var categories = data.categories.map(function (name) { return { name: name }; });
  var index = {};
  data.categories.forEach(function (name, i) { index[name] = i; });
  var chart = echarts.init(holder, null, { renderer: "canvas" });
  chart.setOption({
    animation: data.nodes.length < 300,
    // Names come from users: the tooltip is HTML, so they are escaped before they reach it.
    tooltip: { formatter: function (p) {
      return echarts.format.encodeHTML(p.dataType === "edge" ? p.data.label : p.data.name);
    } },
    legend: [{ data: data.categories, bottom: 0, type: "scroll" }],
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      categories: categories,
      data: data.nodes.map(function (n) {
        return { id: n.id, name: n.name, category: index[n.category], symbolSize: 8 + Math.min(30, 3 * n.degree) };
      }),
      // Links gained since the comparison date are drawn thicker (the list below names them).
      links: data.links.map(function (l) {
        return l.gained ? Object.assign({ lineStyle: { width: 4, opacity: 0.9 } }, l) : l;
      }),
      label: { show: data.nodes.length <= 60, position: "right", fontSize: 11 },
      force: { repulsion: data.nodes.length > 200 ? 60 : 600, edgeLength: [90, 220], gravity: 0.08 },
      lineStyle: { color: "source", opacity: 0.6 }
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
