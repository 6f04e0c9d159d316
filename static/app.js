// Progressive enhancement only: every flow works without this file.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  function wireCopyButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (btn) {
      if (btn.dataset.wired) return;
      btn.dataset.wired = "1";
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var field = document.getElementById(btn.dataset.copy);
        if (!field) return;
        var done = function () {
          var label = btn.textContent;
          btn.textContent = btn.dataset.copied || label;
          setTimeout(function () { btn.textContent = label; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () { field.select(); document.execCommand("copy"); done(); });
        } else {
          field.select(); document.execCommand("copy"); done();
        }
      });
    });
  }
  // Confirmation for destructive forms that carry data-confirm.
  function wireConfirms(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      form.addEventListener("submit", function (ev) {
        if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
      });
    });
  }
  // Selects marked data-autosubmit submit their form on change.
  function wireAutoSubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      if (sel.dataset.wired) return;
      sel.dataset.wired = "1";
      sel.addEventListener("change", function () {
        if (sel.form.requestSubmit) sel.form.requestSubmit(); else sel.form.submit();
      });
    });
  }
  function wire(root) { wireCopyButtons(root); wireConfirms(root); wireAutoSubmit(root); }
  ready(function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { wire(ev.target); });
})();
