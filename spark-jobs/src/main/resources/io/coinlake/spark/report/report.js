/* coinlake report: draws the data of the <script id="coinlake-data"> element with Apache ECharts.
   Amounts arrive as exact decimal strings: charts plot Number(value), tooltips and cells show the
   exact figure too. Each chart is drawn on its own, so one that fails leaves the others standing. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coinlake-data').textContent);
  var days = data.days;
  var last = days.length - 1;
  var charts = {};
  var state = { normalise: false, asset: data.top[0], moverDay: last };

  // ---- formatting for people ------------------------------------------------------------------
  var SCALES = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  function num(value) { return value === null || value === undefined ? null : Number(value); }
  function compact(n, digits) {
    if (n === null || !isFinite(n)) { return '–'; }
    var abs = Math.abs(n);
    for (var i = 0; i < SCALES.length; i++) {
      if (abs >= SCALES[i][0]) { return (n / SCALES[i][0]).toFixed(digits === undefined ? 2 : digits) + ' ' + SCALES[i][1]; }
    }
    if (abs >= 1) { return n.toFixed(2); }
    if (abs === 0) { return '0'; }
    return n.toPrecision(3);
  }
  // Axis ticks: short, and distinct even when the axis spans a few percent.
  function tick(v) {
    var abs = Math.abs(v);
    if (abs >= 1e3) { return '$' + compact(v, 2).replace(/\.?0+ /, ' '); }
    return '$' + (abs >= 1 ? String(Number(v.toFixed(2))) : Number(v.toPrecision(2)).toString());
  }
  function usd(value, digits) { var n = num(value); return n === null ? '–' : '$' + compact(n, digits); }
  function price(value) {
    var n = num(value);
    if (n === null) { return '–'; }
    if (Math.abs(n) >= 1e6) { return usd(n); }
    return '$' + (Math.abs(n) >= 1 ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : n.toPrecision(4));
  }
  function pct(value, signed) {
    if (value === null || value === undefined || !isFinite(value)) { return '–'; }
    return (signed && value > 0 ? '+' : '') + value.toFixed(Math.abs(value) < 10 ? 2 : 1) + ' %';
  }
  // An exact decimal string with thousands separators on its whole part.
  function exact(value) {
    if (value === null || value === undefined) { return 'no value'; }
    var text = String(value);
    var sign = text.charAt(0) === '-' ? '-' : '';
    var parts = text.replace('-', '').split('.');
    return sign + parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (parts.length > 1 ? '.' + parts[1] : '');
  }
  function symbol(id) { return data.assets[id] ? data.assets[id].symbol : id; }
  function fullName(id) { return data.assets[id] ? data.assets[id].name + ' (' + data.assets[id].symbol + ')' : id; }
  function cls(value) { return value > 0 ? 'up' : value < 0 ? 'down' : ''; }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function element(tag, attributes, text) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function dayIndex(i) { return days[i]; }

  // ---- theme --------------------------------------------------------------------------------
  function theme() { return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : null; }
  function setTheme(dark) {
    document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
    document.getElementById('theme').textContent = dark ? 'Light' : 'Dark';
    try { localStorage.setItem('coinlake-report-theme', dark ? 'dark' : 'light'); } catch (e) { /* a file: page may have no storage */ }
  }
  function initialTheme() {
    var saved = null;
    try { saved = localStorage.getItem('coinlake-report-theme'); } catch (e) { /* as above */ }
    if (saved) { return saved === 'dark'; }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  function color(name) { return getComputedStyle(document.documentElement).getPropertyValue('--' + name).trim(); }

  // ---- charts --------------------------------------------------------------------------------
  function base(extra) {
    var option = {
      backgroundColor: 'transparent',
      animationDuration: 400,
      textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' },
      grid: { left: 64, right: 40, top: 40, bottom: 56, containLabel: false },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'category', data: days, boundaryGap: false, axisLabel: { hideOverlap: true } }
    };
    Object.keys(extra).forEach(function (k) { option[k] = extra[k]; });
    return option;
  }
  function tooltipRows(params, describe) {
    var list = Array.isArray(params) ? params : [params];
    if (!list.length) { return ''; }
    var head = '<b>' + escapeHtml(list[0].axisValueLabel || list[0].name) + '</b>';
    return head + list.map(function (p) {
      return '<br>' + p.marker + escapeHtml(p.seriesName) + ': ' + describe(p);
    }).join('');
  }

  var builders = {
    market: function () {
      var m = data.market;
      return base({
        grid: { left: 70, right: 110, top: 40, bottom: 56 },
        tooltip: { trigger: 'axis', confine: true, formatter: function (params) {
          return tooltipRows(params, function (p) {
            if (p.seriesIndex === 2) { return pct(p.value); }
            var raw = (p.seriesIndex === 0 ? m.cap : m.volume)[p.dataIndex];
            return '<b>' + usd(raw) + '</b> <span style="opacity:.7">$' + exact(raw) + '</span>';
          });
        } },
        xAxis: { type: 'category', data: days, boundaryGap: true, axisLabel: { hideOverlap: true } },
        yAxis: [
          { type: 'value', name: 'market cap', scale: true, axisLabel: { formatter: tick } },
          { type: 'value', name: 'volume', position: 'right', scale: true, splitLine: { show: false },
            axisLabel: { formatter: tick } },
          { type: 'value', name: 'BTC %', position: 'right', offset: 56, scale: true, splitLine: { show: false },
            axisLabel: { formatter: function (v) { return Number(v.toFixed(1)) + ' %'; } } }
        ],
        dataZoom: days.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
        series: [
          { name: 'total market cap', type: 'line', yAxisIndex: 0, showSymbol: days.length <= 60, areaStyle: { opacity: 0.15 },
            data: m.cap.map(num) },
          { name: '24 h volume', type: 'bar', yAxisIndex: 1, barMaxWidth: 18, itemStyle: { opacity: 0.55 }, data: m.volume.map(num) },
          { name: "bitcoin's dominance", type: 'line', yAxisIndex: 2, showSymbol: days.length <= 60, lineStyle: { type: 'dashed' },
            data: m.dominance }
        ]
      });
    },

    prices: function () {
      var series = data.top.map(function (id) {
        var close = data.prices[id].close.map(num);
        var first = close.find(function (v) { return v !== null && v > 0; });
        return {
          name: symbol(id), type: 'line', showSymbol: days.length <= 60, connectNulls: false, emphasis: { focus: 'series' },
          data: state.normalise ? close.map(function (v) { return v === null ? null : v / first * 100; }) : close,
          assetId: id
        };
      });
      return base({
        tooltip: { trigger: 'axis', confine: true, order: 'valueDesc', formatter: function (params) {
          return tooltipRows(params, function (p) {
            var raw = data.prices[data.top[p.seriesIndex]].close[p.dataIndex];
            return (state.normalise ? '<b>' + Number(p.value).toFixed(1) + '</b> · ' : '') + '<b>' + price(raw) + '</b> <span style="opacity:.7">$'
              + exact(raw) + '</span>';
          });
        } },
        yAxis: { type: 'log', name: state.normalise ? 'first day = 100' : 'USD', scale: true,
                 axisLabel: { formatter: function (v) { return state.normalise ? String(Math.round(v)) : tick(v); } } },
        dataZoom: days.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
        series: series
      });
    },

    averages: function () {
      var p = data.prices[state.asset];
      var names = ['close', '7-day average', '30-day average'];
      var keys = ['close', 'avg7', 'avg30'];
      return base({
        tooltip: { trigger: 'axis', confine: true, formatter: function (params) {
          return tooltipRows(params, function (q) {
            var raw = p[keys[q.seriesIndex]][q.dataIndex];
            return '<b>' + price(raw) + '</b> <span style="opacity:.7">$' + exact(raw) + '</span>';
          });
        } },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: tick } },
        series: keys.map(function (k, i) {
          return { name: names[i], type: 'line', showSymbol: i === 0 && days.length <= 60, data: p[k].map(num),
                   lineStyle: i === 0 ? { width: 2 } : { width: 1.5, type: i === 1 ? 'solid' : 'dashed' } };
        })
      });
    },

    ranks: function () {
      var ids = Object.keys(data.ranks);
      return base({
        grid: { left: 40, right: 64, top: 40, bottom: 40 },
        tooltip: { trigger: 'item', confine: true, formatter: function (p) {
          return '<b>' + escapeHtml(dayIndex(p.dataIndex)) + '</b><br>' + p.marker + escapeHtml(fullName(ids[p.seriesIndex])) + ': rank ' + p.value;
        } },
        yAxis: { type: 'value', inverse: true, min: 1, max: 10, interval: 1 },
        series: ids.map(function (id) {
          return { name: symbol(id), type: 'line', smooth: 0.3, symbolSize: 7, connectNulls: false, emphasis: { focus: 'series' },
                   endLabel: { show: true, formatter: '{a}', distance: 6 }, data: data.ranks[id] };
        })
      });
    },

    movers: function () {
      var day = data.movers[state.moverDay];
      var gainers = day.gainers;
      var losers = day.losers;
      var names = gainers.concat(losers).map(function (m) { return symbol(m[0]); });
      var filler = function (n) { return new Array(n).fill(null); };
      return base({
        grid: { left: 64, right: 40, top: 40, bottom: 30 },
        tooltip: { trigger: 'item', confine: true, formatter: function (p) {
          var m = gainers.concat(losers)[p.dataIndex];
          return escapeHtml(fullName(m[0])) + ': <b>' + pct(m[1], true) + '</b> <span style="opacity:.7">(' + m[1] + ' %)</span>';
        } },
        xAxis: { type: 'value', axisLabel: { formatter: function (v) { return v + ' %'; } } },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          { name: 'gainers', type: 'bar', stack: 'change', itemStyle: { color: color('up') },
            label: { show: true, position: 'right', formatter: function (p) { return pct(p.value, true); } },
            data: gainers.map(function (m) { return m[1]; }).concat(filler(losers.length)) },
          { name: 'losers', type: 'bar', stack: 'change', itemStyle: { color: color('down') },
            label: { show: true, position: 'left', formatter: function (p) { return pct(p.value, true); } },
            data: filler(gainers.length).concat(losers.map(function (m) { return m[1]; })) }
        ]
      });
    },

    quality: function () {
      var q = data.quality;
      return base({
        grid: { left: 48, right: 56, top: 40, bottom: 56 },
        xAxis: { type: 'category', data: days, boundaryGap: true, axisLabel: { hideOverlap: true } },
        yAxis: [{ type: 'value', name: 'checks', minInterval: 1 },
                { type: 'value', name: 'rejected', position: 'right', minInterval: 1, splitLine: { show: false } }],
        series: [
          { name: 'passed', type: 'bar', stack: 'checks', itemStyle: { color: color('up') }, data: q.passed },
          { name: 'warnings', type: 'bar', stack: 'checks', itemStyle: { color: color('warn') }, data: q.warned },
          { name: 'failures', type: 'bar', stack: 'checks', itemStyle: { color: color('down') }, data: q.failed },
          { name: 'rejected lines', type: 'line', yAxisIndex: 1, data: q.rejected.map(function (n) { return n === null ? 0 : n; }) }
        ]
      });
    }
  };

  function draw(name) {
    var el = document.getElementById('chart-' + name);
    try {
      if (!charts[name]) { charts[name] = echarts.init(el, theme()); }
      charts[name].setOption(builders[name](), true);
    } catch (e) {
      el.textContent = 'This chart could not be drawn: ' + e.message;
      el.className = 'chart failed-chart';
      console.error('coinlake report: chart ' + name + ' failed', e);
    }
  }
  function drawAll() {
    Object.keys(charts).forEach(function (name) { charts[name].dispose(); delete charts[name]; });
    Object.keys(builders).forEach(draw);
  }

  // ---- text, tables and controls ---------------------------------------------------------------
  function kpis() {
    var m = data.market;
    var previous = last > 0 ? last - 1 : null;
    function change(values) {
      if (previous === null || values[previous] === null || values[last] === null) { return ''; }
      var d = (num(values[last]) / num(values[previous]) - 1) * 100;
      return '<span class="' + cls(d) + '">' + pct(d, true) + '</span> on the day before';
    }
    var items = [
      ['total market cap', usd(m.cap[last]), '$' + exact(m.cap[last]), change(m.cap)],
      ['24 h volume', usd(m.volume[last]), '$' + exact(m.volume[last]), change(m.volume)],
      ["bitcoin's dominance", pct(m.dominance[last]), String(m.dominance[last]), ''],
      ['assets', m.assetCount[last] === null ? '–' : String(m.assetCount[last]), '', ''],
    ];
    var box = document.getElementById('kpis');
    items.forEach(function (item) {
      var kpi = element('div', { 'class': 'kpi', title: item[2] });
      kpi.innerHTML = '<div class="label">' + escapeHtml(item[0]) + ' on ' + escapeHtml(days[last]) + '</div><div class="value">'
        + escapeHtml(item[1]) + '</div><div class="label">' + item[3] + '</div>';
      box.appendChild(kpi);
    });
  }

  var COLUMNS = [
    { key: 'rank', label: '#', format: function (v) { return v === null ? '–' : String(v); } },
    { key: 'symbol', label: 'asset', text: true, format: function (v, row) { return v; } },
    { key: 'name', label: 'name', text: true, format: function (v) { return v; } },
    { key: 'price', label: 'price', exact: true, format: price },
    { key: 'dod', label: '24 h', change: true, format: function (v) { return pct(v, true); } },
    { key: 'wow', label: '7 d', change: true, format: function (v) { return pct(v, true); } },
    { key: 'cap', label: 'market cap', exact: true, format: function (v) { return usd(v); } },
    { key: 'volume', label: 'volume 24 h', exact: true, format: function (v) { return usd(v); } },
    { key: 'volatility', label: 'volatility 7 d', format: function (v) { return v === null ? '–' : (v * 100).toFixed(2) + ' %'; } }
  ];
  var rows = data.table.map(function (r) {
    var row = Object.assign({}, r);
    row.symbol = symbol(r.id);
    row.name = data.assets[r.id] ? data.assets[r.id].name : r.id;
    return row;
  });
  var sort = { key: 'rank', ascending: true };
  function sortValue(row, column) {
    var v = row[column.key];
    if (v === null || v === undefined) { return null; }
    return column.text ? String(v).toLowerCase() : Number(v);
  }
  function assetTable() {
    var table = document.getElementById('assets');
    table.textContent = '';
    var head = element('tr');
    COLUMNS.forEach(function (column) {
      var th = element('th', { scope: 'col', 'class': column.text ? 'text' : '' }, column.label);
      if (sort.key === column.key) { th.setAttribute('aria-sort', sort.ascending ? 'ascending' : 'descending'); }
      th.addEventListener('click', function () {
        sort = { key: column.key, ascending: sort.key === column.key ? !sort.ascending : column.text || column.key === 'rank' };
        assetTable();
      });
      head.appendChild(th);
    });
    table.appendChild(element('thead')).appendChild(head);
    var column = COLUMNS.find(function (c) { return c.key === sort.key; });
    var sorted = rows.slice().sort(function (a, b) {
      var x = sortValue(a, column), y = sortValue(b, column);
      if (x === y) { return 0; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * (sort.ascending ? 1 : -1);
    });
    var body = table.appendChild(element('tbody'));
    sorted.forEach(function (row) {
      var tr = element('tr');
      COLUMNS.forEach(function (c) {
        var v = row[c.key];
        var td = element('td', { 'class': (c.text ? 'text ' : '') + (c.change ? cls(v) : '') }, c.format(v, row));
        if (c.exact && v !== null) { td.title = '$' + exact(v); }
        if (c.change && v !== null) { td.title = v + ' %'; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function qualityText() {
    var f = data.freshness;
    var behind = Math.round((Date.parse(f.now) - Date.parse(f.newestDay + 'T00:00:00Z')) / 86400000);
    var p = document.getElementById('freshness');
    p.innerHTML = 'Newest day in the lake: <b>' + escapeHtml(f.newestDay) + '</b> (' + behind + (behind === 1 ? ' day' : ' days')
      + ' before this report' + (f.fetchedAt ? '; its values fetched ' + escapeHtml(f.fetchedAt.replace('T', ' ').replace(/\.\d+/, '')) : '')
      + '). Checks per day are those of the newest silver and gold run for it.';
    if (behind > 2) { p.className = 'warn'; }
    var problems = document.getElementById('problems');
    var q = data.quality;
    if (!q.problems.length) {
      problems.appendChild(element('p', { 'class': 'up' }, 'Every check of the standing runs passed.'));
    } else {
      var t = element('table', { 'class': 'wrap' });
      t.innerHTML = '<thead><tr><th>day</th><th class="text">check</th><th class="text">severity</th><th class="text">observed</th>'
        + '<th class="text">expected</th></tr></thead>';
      var body = t.appendChild(element('tbody'));
      q.problems.forEach(function (c) {
        var tr = element('tr');
        [c.day, c.table + ' · ' + c.check, c.severity, c.observed || '', c.expected || ''].forEach(function (v, i) {
          tr.appendChild(element('td', { 'class': i === 0 ? '' : 'text' + (i === 2 ? (v === 'error' ? ' down' : ' warn') : '') }, v));
        });
        body.appendChild(tr);
      });
      var wrap = element('div', { 'class': 'table-scroll' });
      wrap.appendChild(t);
      problems.appendChild(wrap);
    }
    var runs = document.getElementById('runs');
    runs.innerHTML = '<thead><tr><th class="text">run</th><th>days</th><th>passed</th><th>warnings</th><th>failures</th></tr></thead>';
    var body = runs.appendChild(element('tbody'));
    q.runs.forEach(function (r) {
      var tr = element('tr', { title: 'checked at ' + r.checkedAt });
      [r.run, r.from === r.to ? r.from : r.from + ' – ' + r.to, r.passed, r.warned, r.failed].forEach(function (v, i) {
        tr.appendChild(element('td', { 'class': i === 0 ? 'text' : i === 4 && v > 0 ? 'down' : i === 3 && v > 0 ? 'warn' : '' }, String(v)));
      });
      body.appendChild(tr);
    });
  }

  function footer() {
    var sources = Object.keys(data.sources).map(function (s) { return s + ' (' + data.sources[s] + ' rows)'; }).join(', ') || 'none';
    var snapshots = Object.keys(data.snapshots).map(function (t) {
      return '<code>' + escapeHtml(t) + '</code> ' + (data.snapshots[t] === null ? 'empty' : '<code>' + escapeHtml(data.snapshots[t]) + '</code>');
    }).join(', ');
    document.getElementById('footer').innerHTML = 'Made by <code>./coinlake report</code> at ' + escapeHtml(data.generatedAt.replace('T', ' ').replace(/\.\d+/, ''))
      + ' from the lake\'s tables at these Iceberg snapshots: ' + snapshots + '. Data sources: ' + escapeHtml(sources)
      + '. Charts by Apache ECharts, inlined: this file needs no network.';
    document.getElementById('simulated').hidden = !data.sources.simulated;
  }

  function controls() {
    document.getElementById('subtitle').textContent = days[0] + ' to ' + days[last] + ' · ' + days.length + (days.length === 1 ? ' day' : ' days');
    document.getElementById('top-count').textContent = String(data.top.length);
    document.getElementById('table-day').textContent = days[last];
    var normalise = document.getElementById('normalise');
    normalise.addEventListener('change', function () { state.normalise = normalise.checked; draw('prices'); });
    var asset = document.getElementById('average-asset');
    data.top.forEach(function (id) { asset.appendChild(element('option', { value: id }, fullName(id))); });
    asset.addEventListener('change', function () { state.asset = asset.value; draw('averages'); });
    var moverDay = document.getElementById('mover-day');
    days.forEach(function (d, i) { if (data.movers[i].gainers.length) { moverDay.appendChild(element('option', { value: String(i) }, d)); } });
    for (var i = last; i >= 0; i--) { if (data.movers[i].gainers.length) { state.moverDay = i; break; } }
    moverDay.value = String(state.moverDay);
    moverDay.addEventListener('change', function () { state.moverDay = Number(moverDay.value); draw('movers'); });
    document.getElementById('theme').addEventListener('click', function () { setTheme(theme() !== 'dark'); drawAll(); });
    window.addEventListener('resize', function () { Object.keys(charts).forEach(function (n) { charts[n].resize(); }); });
  }

  setTheme(initialTheme());
  controls();
  kpis();
  qualityText();
  assetTable();
  footer();
  drawAll();
  document.body.setAttribute('data-drawn', String(Object.keys(charts).length));
})();
