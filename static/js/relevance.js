// The surveys' relevance conditions, evaluated in the browser over the answers given so far: the same tree
// and the same rules as netzlotse/surveys/expressions.py (a test runs both over random conditions and answers).
// The server evaluates again on submit; this only decides what is shown while a page is being filled in.
(function () {
  var NUMBER = /^[ \t]*-?[0-9]+(?:\.[0-9]+)?[ \t]*$/;

  function isList(v) { return Array.isArray(v); }
  function given(answers, name) {
    var v = Object.prototype.hasOwnProperty.call(answers, name) ? answers[name] : null;
    return typeof v === "boolean" || v === undefined ? null : v;
  }
  function number(v) {
    if (v === null || typeof v === "boolean" || isList(v)) return null;
    if (typeof v === "number") return isFinite(v) ? v : null;
    var text = String(v);
    return NUMBER.test(text) ? Number(text) : null;
  }
  function compare(op, left, right) {
    if (left === null || right === null || isList(left) || isList(right)) return false;
    if (typeof left === "boolean" || typeof right === "boolean") {
      return (op === "=" || op === "!=") && typeof left === "boolean" && typeof right === "boolean" &&
        ((left === right) === (op === "="));
    }
    var a = number(left), b = number(right);
    if (a === null || b === null) {
      if (op !== "=" && op !== "!=") return false;
      a = String(left); b = String(right);
    }
    switch (op) {
      case "=": return a === b;
      case "!=": return a !== b;
      case "<": return a < b;
      case "<=": return a <= b;
      case ">": return a > b;
      default: return a >= b;
    }
  }
  function value(tree, answers) {
    switch (tree[0]) {
      case "number": return Number(tree[1]);
      case "text": return tree[1];
      case "answer": return given(answers, tree[1]);
      case "count": var v = given(answers, tree[1]); return isList(v) ? v.length : 0;
      default: return evaluate(tree, answers);
    }
  }
  function evaluate(tree, answers) {
    if (tree === null || tree === undefined) return true;
    switch (tree[0]) {
      case "or": return evaluate(tree[1], answers) || evaluate(tree[2], answers);
      case "and": return evaluate(tree[1], answers) && evaluate(tree[2], answers);
      case "not": return !evaluate(tree[1], answers);
      case "cmp": return compare(tree[1], value(tree[2], answers), value(tree[3], answers));
      case "selected":
        var v = given(answers, tree[1]);
        return isList(v) ? v.indexOf(tree[2]) !== -1 : v !== null && String(v) === tree[2];
      case "count": return value(tree, answers) > 0;
      default:
        var x = value(tree, answers);
        return !(x === null || x === "" || (isList(x) && x.length === 0));
    }
  }
  window.netzlotseRelevance = { evaluate: evaluate };
})();
