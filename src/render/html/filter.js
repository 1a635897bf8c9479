// Filters findings, groups and sources by code, severity and source. The page reads the same
// without it: the form stays hidden and everything is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var items = document.querySelectorAll("[data-filter]");
  function has(element, name, value) {
    return !value || (" " + element.getAttribute(name) + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply() {
    var code = form.elements.code.value, severity = form.elements.severity.value, source = form.elements.source.value;
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var keep = has(item, "data-codes", code) && has(item, "data-severities", severity) && has(item, "data-sources", source);
      item.hidden = !keep;
      if (keep && item.classList.contains("finding")) { shown++; }
    }
    form.elements.shown.value = (code || severity || source) ? shown + (shown === 1 ? " finding shown" : " findings shown") : "";
  }
  form.addEventListener("change", apply);
  // Printing shows every collapsed part; so does following a link into one.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  function reveal() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (target) { target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }
})();
