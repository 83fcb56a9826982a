// The console's one script, served from the jar (the content security policy allows no inline script).
(function () {
  'use strict';
  // htmx requests carry the session's CSRF token, as forms do
  document.addEventListener('htmx:configRequest', function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // "select all" ticks every box of the same name
  document.addEventListener('change', function (event) {
    var name = event.target.getAttribute && event.target.getAttribute('data-check-all');
    if (name) {
      document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });
})();
