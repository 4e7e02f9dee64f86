// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Word counter on the description.
  document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-word-limit"), 10);
    var out = document.getElementById(area.id + "-count");
    if (!out) return;
    out.hidden = false;
    function update() {
      var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
      var template = area.getAttribute("data-word-count") || "{count} / {limit}";
      out.textContent = template.replace("{count}", words).replace("{limit}", limit);
      out.classList.toggle("text-secondary-dark", words > limit);
    }
    area.addEventListener("input", update);
    update();
  });
  // Show "Other reason" text only when "Other reason" is ticked.
  var other = document.querySelector('input[name="protected_class"][value="other"]');
  var otherGroup = document.getElementById("other_class-group");
  if (other && otherGroup) {
    var sync = function () { otherGroup.hidden = !other.checked; };
    other.addEventListener("change", sync);
    sync();
  }
  // Print button on the confirmation page.
  document.querySelectorAll(".crt-print").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  // Move focus to the error summary so screen readers hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
