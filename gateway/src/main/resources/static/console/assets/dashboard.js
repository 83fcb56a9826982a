// The dashboard's chart: messages per minute over the last hour, one line per status, redrawn every 10 seconds.
(function () {
  'use strict';
  var box = document.getElementById('per-minute');
  if (!box || !window.uPlot) { return; }
  var labels = {};
  document.querySelectorAll('#status-labels dt').forEach(function (dt) { labels[dt.textContent] = dt.nextElementSibling.textContent; });
  var colours = { RECEIVED: '#0a5ea8', VALIDATED: '#3b7dd8', SIGNED: '#5a67d8', QUEUED: '#8a4b00', DELIVERED: '#1a6b34',
                  ACKNOWLEDGED: '#2f9e44', REJECTED: '#a4161a', FAILED: '#e03131', SPLIT: '#6c757d' };
  var chart = null;
  var shape = '';
  function draw(figures) {
    var statuses = Object.keys(figures.byStatus).sort();
    var data = [figures.minutes].concat(statuses.map(function (s) { return figures.byStatus[s]; }));
    if (chart && shape === statuses.join()) { chart.setData(data); return; }
    if (chart) { chart.destroy(); }
    shape = statuses.join();
    chart = new uPlot({
      width: Math.max(box.clientWidth, 300), height: 220,
      // the axis in UTC+8, as every time the console shows
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Asia/Shanghai'); },
      series: [{}].concat(statuses.map(function (s) { return { label: labels[s] || s, stroke: colours[s] || '#333', width: 2 }; })),
      axes: [{}, { size: 40 }]
    }, data, box);
  }
  function refresh() {
    fetch(box.getAttribute('data-figures'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (figures) { if (figures) { draw(figures); } });
  }
  refresh();
  setInterval(refresh, 10000);
})();
