// A survey page in the browser: questions whose condition depends on answers of this page appear and disappear
// as the respondent answers (relevance.js decides, by the same rules as the server). Without this script the
// server shows such questions after the page is sent.
(function () {
  function valueOf(block) {
    var kind = block.getAttribute("data-kind");
    var inputs = block.querySelectorAll("input, select, textarea");
    var i, input;
    if (kind === "multiple") {
      var picked = [];
      for (i = 0; i < inputs.length; i++) if (inputs[i].checked) picked.push(inputs[i].value);
      return picked.indexOf("_dk") >= 0 ? "_dk" : (picked.length ? picked : null);
    }
    if (kind === "single" || kind === "likert") {
      for (i = 0; i < inputs.length; i++) if (inputs[i].checked) return inputs[i].value;
      return null;
    }
    if (kind === "matrix") {
      var rows = {}, any = false;
      for (i = 0; i < inputs.length; i++) {
        input = inputs[i];
        if (input.checked) { rows[input.name.split(":").pop()] = input.value; any = true; }
      }
      return any ? rows : null;
    }
    if (kind === "ranking") {
      var ranked = [];
      for (i = 0; i < inputs.length; i++) {
        if (inputs[i].value) ranked.push([Number(inputs[i].value), inputs[i].name.split(":").pop()]);
      }
      ranked.sort(function (a, b) { return a[0] - b[0]; });
      return ranked.length ? ranked.map(function (pair) { return pair[1]; }) : null;
    }
    var dk = block.querySelector("input[type=checkbox]");
    if (dk && dk.checked) return "_dk";
    var field = block.querySelector("input:not([type=checkbox]), textarea");
    return field && field.value.trim() !== "" ? field.value.trim() : null;
  }

  function refresh(form, earlier) {
    var visible = Object.assign({}, earlier);
    var blocks = form.querySelectorAll(".survey-question");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i], tree = block.getAttribute("data-relevance");
      var shown = !tree || window.netzlotseRelevance.evaluate(JSON.parse(tree), visible);
      block.hidden = !shown;
      var value = shown ? valueOf(block) : null;
      if (value !== null) visible[block.getAttribute("data-key")] = value;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.respondent__form");
    if (!form || !window.netzlotseRelevance) return;
    var source = document.getElementById(form.getAttribute("data-earlier"));
    var earlier = source ? JSON.parse(source.textContent) : {};
    var flag = document.createElement("input");
    flag.type = "hidden"; flag.name = "js"; flag.value = "1";
    form.appendChild(flag);
    form.addEventListener("change", function () { refresh(form, earlier); });
    form.addEventListener("input", function () { refresh(form, earlier); });
    refresh(form, earlier);
    var alert = document.getElementById("fehler");
    if (alert) alert.focus();
  });
})();
