// The dashboard's charts: messages per minute over the last hour, one line per status and one per document type,
// redrawn every 10 seconds from one request.
(function () {
  'use strict';
  var byStatusBox = document.getElementById('per-minute');
  var byTypeBox = document.getElementById('per-minute-type');
  if (!byStatusBox || !window.uPlot) { return; }
  function labelsOf(id) {
    var labels = {};
    document.querySelectorAll('#' + id + ' dt').forEach(function (dt) { labels[dt.textContent] = dt.nextElementSibling.textContent; });
    return labels;
  }
  var statusLabels = labelsOf('status-labels');
  var typeLabels = labelsOf('type-labels');
  var statusColours = { RECEIVED: '#0a5ea8', VALIDATED: '#3b7dd8', SIGNED: '#5a67d8', QUEUED: '#8a4b00', DELIVERED: '#1a6b34',
                        ACKNOWLEDGED: '#2f9e44', REJECTED: '#a4161a', FAILED: '#e03131', SPLIT: '#6c757d' };
  var palette = ['#0b4f6c', '#8a4b00', '#1a6b34', '#a4161a', '#5a67d8', '#6c757d', '#0a5ea8', '#2f9e44', '#e03131', '#3b7dd8',
                 '#495057', '#b35c00'];
  function chart(box, labels, colours) {
    var plot = null;
    var shape = '';
    return function (minutes, series) {
      var names = Object.keys(series).sort();
      var data = [minutes].concat(names.map(function (n) { return series[n]; }));
      if (plot && shape === names.join()) { plot.setData(data); return; }
      if (plot) { plot.destroy(); }
      shape = names.join();
      plot = new uPlot({
        width: Math.max(box.clientWidth, 300), height: 220,
        // the axis in UTC+8, as every time the console shows
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Asia/Shanghai'); },
        series: [{}].concat(names.map(function (n, i) {
          return { label: labels[n] || n, stroke: colours[n] || palette[i % palette.length], width: 2 };
        })),
        axes: [{}, { size: 40 }]
      }, data, box);
    };
  }
  var drawByStatus = chart(byStatusBox, statusLabels, statusColours);
  var drawByType = byTypeBox ? chart(byTypeBox, typeLabels, {}) : null;
  function refresh() {
    fetch(byStatusBox.getAttribute('data-figures'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (figures) {
        if (!figures) { return; }
        drawByStatus(figures.minutes, figures.byStatus);
        if (drawByType) { drawByType(figures.minutes, figures.byType); }
      });
  }
  refresh();
  setInterval(refresh, 10000);
})();
