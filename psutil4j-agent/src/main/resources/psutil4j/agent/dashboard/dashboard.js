// The psutil4j dashboard: polls the agent's JSON API (relative URLs, so it also works behind a
// proxy that adds a path prefix) and draws with uPlot. Plain ES2020, no build step, no external URL.
// With a token, the browser's HTTP basic auth (any user, the token as password) covers every fetch.
(() => {
  'use strict';

  const POLL_MS = 1000;          // how often /api/v1/latest is asked; work happens only on a new batch
  const LIVE_POINTS = 600;       // points kept per live chart (10 minutes at 1 s)
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'];

  const $ = (sel, root = document) => root.querySelector(sel);

  /** el('td', {class: 'num', dataset: {value: 3}}, 'text', child...) */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== null && dv !== undefined) e.dataset[dk] = dv; });
      else if (k === 'style') e.style.cssText = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
    return e;
  }

  // ------------------------------------------------------------------ formatting

  const known = (v) => v !== null && v !== undefined && Number.isFinite(v);

  function fmtBytes(v) {
    if (!known(v)) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let i = 0;
    let x = Math.abs(v);
    while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
    const s = i === 0 ? String(Math.round(x)) : x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0);
    return (v < 0 ? '-' : '') + s + ' ' + units[i];
  }
  const fmtRate = (v) => (known(v) ? fmtBytes(v) + '/s' : '–');
  const fmtPct = (v) => (known(v) ? v.toFixed(1) + ' %' : '–');
  function fmtNum(v, digits = 2) {
    if (!known(v)) return '–';
    const a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(1) + 'G';
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e4) return (v / 1e3).toFixed(1) + 'k';
    return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  }
  /** Values in a history chart's unit (HistorySource.Chart.unit). */
  function fmtUnit(unit, v) {
    if (!known(v)) return '–';
    switch (unit) {
      case 'percent': return v.toFixed(v < 10 ? 1 : 0) + ' %';
      case 'bytes': return fmtBytes(v);
      case 'bytes/s': return fmtRate(v);
      case 'seconds/s': return (v * 100).toFixed(1) + ' %';
      case 'load': return v.toFixed(2);
      default: return fmtNum(v) + (unit && unit !== 'count' ? ' ' + unit : '');
    }
  }
  function fmtDuration(s) {
    if (!known(s) || s < 0) return '–';
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    return (d > 0 ? d + 'd ' : '') + String(h).padStart(d > 0 ? 2 : 1, '0') + 'h ' + String(m).padStart(2, '0') + 'm';
  }

  // ------------------------------------------------------------------ samples

  /** A batch from /api/v1/latest indexed by metric name. */
  class Batch {
    constructor(json) {
      this.time = json.time_millis;
      this.byName = new Map();
      for (const s of json.samples) {
        let l = this.byName.get(s.name);
        if (!l) this.byName.set(s.name, (l = []));
        l.push(s);
      }
    }
    all(name) { return this.byName.get(name) || []; }
    one(name) { const l = this.all(name); return l.length ? l[0].value : null; }
    /** name -> Map(labels[key] -> value) */
    by(name, key) {
      const m = new Map();
      for (const s of this.all(name)) m.set(s.labels[key], s.value);
      return m;
    }
  }

  let prev = null;   // the batch before cur (rates need two)
  let cur = null;

  const seconds = () => (cur.time - prev.time) / 1000;
  /** Per-second rate of a counter between prev and cur, null when unknown or reset. */
  function rate(a, b) {
    if (!known(a) || !known(b) || b < a) return null;
    return (b - a) / seconds();
  }
  /** Rates of counter {@code name} per label {@code key}. */
  function rates(name, key) {
    const out = new Map();
    const before = prev ? prev.by(name, key) : new Map();
    for (const [k, v] of cur.by(name, key)) out.set(k, prev ? rate(before.get(k), v) : null);
    return out;
  }
  function rateOne(name) {
    return prev ? rate(prev.one(name), cur.one(name)) : null;
  }

  const naturalCompare = (a, b) => String(a).localeCompare(String(b), undefined, { numeric: true });

  // ------------------------------------------------------------------ live charts

  function axisFmt(fmt) {
    return (u, vals) => vals.map((v) => fmt(v));
  }

  /** A uPlot line chart fed one point per batch. */
  class LiveChart {
    constructor(container, series, fmt, opts = {}) {
      this.container = container;
      this.fmt = fmt;
      this.data = [[], ...series.map(() => [])];
      this.plot = new uPlot({
        width: Math.max(200, container.clientWidth),
        height: 160,
        // from 0, and at least up to opts.minMax, so a quiet line does not fill the chart with noise
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(max, opts.minMax || 0) * 1.05 || 1] } },
        series: [{}, ...series.map((s, i) => ({
          label: s.label, stroke: s.color || COLORS[i], width: 1.5, value: (u, v) => fmt(v),
          fill: s.fill ? (s.color || COLORS[i]) + '22' : undefined,
        }))],
        // whole seconds at least: a young chart spans a few seconds only
        axes: [{ incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600] }, { values: axisFmt(fmt), size: 80 }],
        legend: { live: true },
      }, this.data, container);
      charts.add(this);
    }
    push(timeSeconds, values) {
      this.data[0].push(timeSeconds);
      values.forEach((v, i) => this.data[i + 1].push(known(v) ? v : null));
      if (this.data[0].length > LIVE_POINTS) this.data.forEach((a) => a.shift());
      this.plot.setData(this.data);
      this.container.dataset.points = this.data[0].length;
    }
    resize() { this.plot.setSize({ width: Math.max(200, this.container.clientWidth), height: 160 }); }
  }

  const charts = new Set();
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

  let live = null;
  function liveCharts() {
    if (live) return live;
    live = {
      cpu: new LiveChart($('#chart-cpu'), [
        { label: 'user', color: COLORS[0] }, { label: 'system', color: COLORS[1] },
        { label: 'iowait', color: COLORS[3] }, { label: 'steal', color: COLORS[4] }], fmtPct, { minMax: 10 }),
      mem: new LiveChart($('#chart-mem'), [
        { label: 'used', color: COLORS[0], fill: true }, { label: 'swap used', color: COLORS[4] }], fmtBytes),
      load: new LiveChart($('#chart-load'), [
        { label: '1 min', color: COLORS[0] }, { label: '5 min', color: COLORS[2] }, { label: '15 min', color: COLORS[4] }],
        (v) => (known(v) ? v.toFixed(2) : '–'), { minMax: 1 }),
      psi: new LiveChart($('#chart-psi'), [
        { label: 'cpu some', color: COLORS[0] }, { label: 'memory some', color: COLORS[1] }, { label: 'io some', color: COLORS[3] }],
        fmtPct, { minMax: 1 }),
      disk: new LiveChart($('#chart-disk'), [
        { label: 'read', color: COLORS[0] }, { label: 'write', color: COLORS[1] }], fmtRate),
      net: new LiveChart($('#chart-net'), [
        { label: 'receive', color: COLORS[0] }, { label: 'transmit', color: COLORS[1] }], fmtRate),
    };
    return live;
  }

  // ------------------------------------------------------------------ live cards

  function setText(id, text, value) {
    const e = document.getElementById(id);
    e.textContent = text;
    if (value === undefined || value === null || !Number.isFinite(value)) delete e.dataset.value;
    else e.dataset.value = value;
  }

  function meter(bar, pct) {
    bar.style.width = (known(pct) ? Math.min(100, Math.max(0, pct)) : 0) + '%';
    bar.classList.toggle('high', known(pct) && pct >= 80 && pct < 95);
    bar.classList.toggle('full', known(pct) && pct >= 95);
    if (known(pct)) bar.dataset.percent = pct; else delete bar.dataset.percent;
  }

  /** Per-CPU busy share from node_cpu_seconds_total; returns totals over all CPUs. */
  function renderCpu() {
    const perCpu = new Map();   // cpu -> {mode: delta}
    const before = new Map();
    if (prev) for (const s of prev.all('node_cpu_seconds_total')) before.set(s.labels.cpu + '/' + s.labels.mode, s.value);
    for (const s of cur.all('node_cpu_seconds_total')) {
      let m = perCpu.get(s.labels.cpu);
      if (!m) perCpu.set(s.labels.cpu, (m = {}));
      const b = before.get(s.labels.cpu + '/' + s.labels.mode);
      m[s.labels.mode] = prev && known(b) && s.value >= b ? s.value - b : null;
    }
    const cpus = [...perCpu.keys()].sort(naturalCompare);
    const box = $('#cpu-bars');
    if (box.childElementCount !== cpus.length * 2) {
      box.replaceChildren();
      const bars = cpus.map((c) => el('div', { class: 'cpu', dataset: { cpu: c } },
        el('div', { class: 'seg user' }), el('div', { class: 'seg system' }),
        el('div', { class: 'seg iowait' }), el('div', { class: 'seg steal' })));
      const labels = cpus.map((c) => el('div', { class: 'cpu-label' }, cpus.length <= 32 ? c : ''));
      box.append(...bars, el('div', { style: 'flex-basis:100%;height:0' }), ...labels);
    }
    const sum = { user: 0, system: 0, iowait: 0, steal: 0, total: 0 };
    let allKnown = prev !== null;
    cpus.forEach((c) => {
      const m = perCpu.get(c);
      const bar = box.querySelector(`.cpu[data-cpu="${CSS.escape(c)}"]`);
      const total = CPU_MODES.reduce((a, k) => a + (m[k] || 0), 0);
      const known0 = CPU_MODES.every((k) => m[k] === undefined || m[k] !== null) && total > 0;
      if (!known0) {
        allKnown = false;
        delete bar.dataset.busy;
        bar.title = 'cpu ' + c;
        bar.querySelectorAll('.seg').forEach((s) => { s.style.height = '0'; });
        return;
      }
      const share = {
        user: (m.user || 0) + (m.nice || 0),
        system: (m.system || 0) + (m.irq || 0) + (m.softirq || 0),
        iowait: m.iowait || 0,
        steal: m.steal || 0,
      };
      const busy = 100 * (total - (m.idle || 0) - (m.iowait || 0)) / total;
      for (const k of ['user', 'system', 'iowait', 'steal']) {
        bar.querySelector('.' + k).style.height = (100 * share[k] / total) + '%';
        sum[k] += share[k];
      }
      sum.total += total;
      bar.dataset.busy = busy;
      bar.title = `cpu ${c}: ${busy.toFixed(1)} % busy (user ${(100 * share.user / total).toFixed(1)} %, `
        + `system ${(100 * share.system / total).toFixed(1)} %, iowait ${(100 * share.iowait / total).toFixed(1)} %)`;
    });
    const pct = (k) => (allKnown && sum.total > 0 ? 100 * sum[k] / sum.total : null);
    const busyAll = allKnown && sum.total > 0 ? 100 * (sum.user + sum.system + sum.steal) / sum.total : null;
    setText('cpu-summary', `${cpus.length} CPUs · ${fmtPct(busyAll)} busy`, busyAll);
    $('#cpu-card').dataset.cpus = cpus.length;
    if (allKnown) liveCharts().cpu.push(cur.time / 1000, [pct('user'), pct('system'), pct('iowait'), pct('steal')]);
    return cpus.length;
  }

  function renderMemory() {
    const total = cur.one('node_memory_MemTotal_bytes');
    const avail = cur.one('node_memory_MemAvailable_bytes');
    const used = known(total) && known(avail) ? total - avail : null;
    setText('mem-total', fmtBytes(total), total);
    setText('mem-available', fmtBytes(avail), avail);
    setText('mem-used', fmtBytes(used), used);
    for (const [id, name] of [['mem-free', 'MemFree'], ['mem-buffers', 'Buffers'], ['mem-cached', 'Cached']]) {
      const v = cur.one(`node_memory_${name}_bytes`);
      setText(id, fmtBytes(v), v);
    }
    const memPct = known(used) && total > 0 ? 100 * used / total : null;
    setText('mem-percent', fmtPct(memPct), memPct);
    meter($('#mem-bar'), memPct);
    const st = cur.one('node_memory_SwapTotal_bytes');
    const sf = cur.one('node_memory_SwapFree_bytes');
    const su = known(st) && known(sf) ? st - sf : null;
    setText('swap-total', fmtBytes(st), st);
    setText('swap-free', fmtBytes(sf), sf);
    setText('swap-used', fmtBytes(su), su);
    const swapPct = known(su) && st > 0 ? 100 * su / st : null;
    setText('swap-percent', st === 0 ? 'no swap' : fmtPct(swapPct), swapPct);
    meter($('#swap-bar'), swapPct);
    liveCharts().mem.push(cur.time / 1000, [used, su]);
  }

  function renderLoad(ncpu) {
    const l = [1, 5, 15].map((n) => cur.one('node_load' + n));
    [1, 5, 15].forEach((n, i) => setText('load' + n, known(l[i]) ? l[i].toFixed(2) : '–', l[i]));
    setText('load-per-cpu', known(l[0]) && ncpu > 0 ? `${(l[0] / ncpu).toFixed(2)} per CPU over the last minute` : '');
    const boot = cur.one('node_boot_time_seconds');
    setText('uptime', known(boot) ? 'up ' + fmtDuration(cur.time / 1000 - boot) : '', boot);
    liveCharts().load.push(cur.time / 1000, l);
  }

  function renderPressure() {
    const tbody = $('#psi-table tbody');
    const rows = [];
    const some = {};
    for (const res of ['cpu', 'memory', 'io', 'irq']) {
      const hasSome = cur.all(`node_pressure_${res}_waiting_seconds_total`).length > 0;
      const hasFull = cur.all(`node_pressure_${res}_stalled_seconds_total`).length > 0;
      if (!hasSome && !hasFull) continue;
      const s = hasSome ? rateOne(`node_pressure_${res}_waiting_seconds_total`) : null;
      const f = hasFull ? rateOne(`node_pressure_${res}_stalled_seconds_total`) : null;
      some[res] = known(s) ? 100 * s : null;
      rows.push(el('tr', { dataset: { resource: res } }, el('td', {}, res),
        el('td', { class: 'num', dataset: { key: 'some', value: known(s) ? 100 * s : null } }, hasSome ? fmtPct(known(s) ? 100 * s : null) : 'n/a'),
        el('td', { class: 'num', dataset: { key: 'full', value: known(f) ? 100 * f : null } }, hasFull ? fmtPct(known(f) ? 100 * f : null) : 'n/a')));
    }
    tbody.replaceChildren(...rows);
    const note = $('#psi-note');
    note.hidden = rows.length > 0;
    note.textContent = 'No pressure stall information: the kernel has no /proc/pressure (CONFIG_PSI, or psi=0 on its command line).';
    if (prev && rows.length) liveCharts().psi.push(cur.time / 1000, [some.cpu, some.memory, some.io]);
    if (!rows.length) $('#chart-psi').hidden = true;
  }

  function renderDisks() {
    const r = rates('node_disk_read_bytes_total', 'device');
    const w = rates('node_disk_written_bytes_total', 'device');
    const rc = rates('node_disk_reads_completed_total', 'device');
    const wc = rates('node_disk_writes_completed_total', 'device');
    const busy = rates('node_disk_io_time_seconds_total', 'device');
    const devices = [...r.keys()].sort(naturalCompare);
    let tr = 0;
    let tw = 0;
    $('#disk-table tbody').replaceChildren(...devices.map((d) => {
      tr += r.get(d) || 0;
      tw += w.get(d) || 0;
      const b = known(busy.get(d)) ? 100 * busy.get(d) : null;
      return el('tr', { dataset: { device: d } }, el('td', {}, d),
        el('td', { class: 'num', dataset: { key: 'read', value: r.get(d) } }, fmtRate(r.get(d))),
        el('td', { class: 'num', dataset: { key: 'write', value: w.get(d) } }, fmtRate(w.get(d))),
        el('td', { class: 'num', dataset: { key: 'reads', value: rc.get(d) } }, fmtNum(rc.get(d), 1)),
        el('td', { class: 'num', dataset: { key: 'writes', value: wc.get(d) } }, fmtNum(wc.get(d), 1)),
        el('td', { class: 'num', dataset: { key: 'busy', value: b } }, fmtPct(b)));
    }));
    if (prev) liveCharts().disk.push(cur.time / 1000, [tr, tw]);
  }

  function renderNetwork() {
    const names = ['receive_bytes', 'transmit_bytes', 'receive_packets', 'transmit_packets',
      'receive_errs', 'transmit_errs', 'receive_drop', 'transmit_drop'];
    const rt = Object.fromEntries(names.map((n) => [n, rates(`node_network_${n}_total`, 'device')]));
    const devices = [...rt.receive_bytes.keys()].sort(naturalCompare);
    let rx = 0;
    let tx = 0;
    const sum2 = (a, b) => (known(a) || known(b) ? (a || 0) + (b || 0) : null);
    $('#net-table tbody').replaceChildren(...devices.map((d) => {
      const g = (n) => rt[n].get(d);
      if (d !== 'lo') { rx += g('receive_bytes') || 0; tx += g('transmit_bytes') || 0; }
      const errs = sum2(g('receive_errs'), g('transmit_errs'));
      const drops = sum2(g('receive_drop'), g('transmit_drop'));
      return el('tr', { dataset: { device: d } }, el('td', {}, d),
        el('td', { class: 'num', dataset: { key: 'rx', value: g('receive_bytes') } }, fmtRate(g('receive_bytes'))),
        el('td', { class: 'num', dataset: { key: 'tx', value: g('transmit_bytes') } }, fmtRate(g('transmit_bytes'))),
        el('td', { class: 'num', dataset: { key: 'rxp', value: g('receive_packets') } }, fmtNum(g('receive_packets'), 1)),
        el('td', { class: 'num', dataset: { key: 'txp', value: g('transmit_packets') } }, fmtNum(g('transmit_packets'), 1)),
        el('td', { class: 'num', dataset: { key: 'errs', value: errs } }, fmtNum(errs, 1)),
        el('td', { class: 'num', dataset: { key: 'drops', value: drops } }, fmtNum(drops, 1)));
    }));
    if (prev) liveCharts().net.push(cur.time / 1000, [rx, tx]);
  }

  function renderFilesystems() {
    const fs = new Map();
    for (const [field, name] of [['size', 'node_filesystem_size_bytes'], ['free', 'node_filesystem_free_bytes'],
      ['avail', 'node_filesystem_avail_bytes']]) {
      for (const s of cur.all(name)) {
        let f = fs.get(s.labels.mountpoint);
        if (!f) fs.set(s.labels.mountpoint, (f = { device: s.labels.device, fstype: s.labels.fstype }));
        f[field] = s.value;
      }
    }
    const mounts = [...fs.keys()].sort();
    $('#fs-table tbody').replaceChildren(...mounts.map((mp) => {
      const f = fs.get(mp);
      const used = known(f.size) && known(f.free) ? f.size - f.free : null;
      // df's Use%: used over what users can have (used + avail), rounded up
      const pct = known(used) && known(f.avail) && used + f.avail > 0 ? 100 * used / (used + f.avail) : null;
      const bar = el('div', { class: 'fill' });
      meter(bar, pct);
      return el('tr', { dataset: { mountpoint: mp } }, el('td', { class: 'name', title: mp }, mp), el('td', {}, f.device),
        el('td', {}, f.fstype),
        el('td', { class: 'num', dataset: { key: 'size', value: f.size } }, fmtBytes(f.size)),
        el('td', { class: 'num', dataset: { key: 'used', value: used } }, fmtBytes(used)),
        el('td', { class: 'num', dataset: { key: 'avail', value: f.avail } }, fmtBytes(f.avail)),
        el('td', { class: 'use', dataset: { key: 'use', value: pct } }, el('div', { class: 'meter' }, bar),
          known(pct) ? Math.ceil(pct) + ' %' : '–'));
    }));
  }

  function renderLive() {
    const ncpu = renderCpu();
    renderMemory();
    renderLoad(ncpu);
    renderPressure();
    renderDisks();
    renderNetwork();
    renderFilesystems();
  }

  // ------------------------------------------------------------------ processes

  const PROC_COLUMNS = [
    { key: 'pid', label: 'PID', num: true },
    { key: 'name', label: 'Name' },
    { key: 'username', label: 'User' },
    { key: 'status', label: 'Status' },
    { key: 'cpu_percent', label: 'CPU %', num: true, fmt: (v) => (known(v) ? v.toFixed(1) : '–') },
    { key: 'memory_percent', label: 'Mem %', num: true, fmt: (v) => (known(v) ? v.toFixed(1) : '–') },
    { key: 'rss', label: 'RSS', num: true, fmt: fmtBytes },
    { key: 'vms', label: 'Virtual', num: true, fmt: fmtBytes },
    { key: 'num_threads', label: 'Threads', num: true },
  ];
  const procSort = { key: 'cpu_percent', dir: 'desc' };
  let procs = null;

  function procHeader() {
    const row = $('#proc-table thead tr');
    row.replaceChildren(...PROC_COLUMNS.map((c) => {
      const th = el('th', { class: c.num ? 'num' : null, dataset: { key: c.key }, title: 'sort by ' + c.label }, c.label);
      th.addEventListener('click', () => {
        if (procSort.key === c.key) procSort.dir = procSort.dir === 'desc' ? 'asc' : 'desc';
        else { procSort.key = c.key; procSort.dir = c.num ? 'desc' : 'asc'; }
        renderProcesses();
      });
      return th;
    }));
  }

  function compareProcs(a, b) {
    const va = a[procSort.key];
    const vb = b[procSort.key];
    const na = va === null || va === undefined;
    const nb = vb === null || vb === undefined;
    if (na !== nb) return na ? 1 : -1;     // unknown values last, either direction
    let c = 0;
    if (!na) c = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb));
    if (procSort.dir === 'desc') c = -c;
    return c !== 0 ? c : a.pid - b.pid;
  }

  function renderProcesses() {
    $('#proc-table thead').querySelectorAll('th').forEach((th) => {
      if (th.dataset.key === procSort.key) th.setAttribute('aria-sort', procSort.dir === 'desc' ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    if (!procs) return;
    const q = $('#proc-filter').value.trim().toLowerCase();
    const rows = procs.processes.filter((p) => !q || String(p.pid) === q
      || (p.name || '').toLowerCase().includes(q) || (p.username || '').toLowerCase().includes(q));
    rows.sort(compareProcs);
    $('#proc-table tbody').replaceChildren(...rows.map((p) => el('tr', { dataset: { pid: p.pid } },
      ...PROC_COLUMNS.map((c) => el('td', {
        class: (c.num ? 'num' : '') + (c.key === 'name' ? ' name' : ''),
        dataset: { key: c.key, value: p[c.key] },
        title: c.key === 'name' ? p.name : null,
      }, c.fmt ? c.fmt(p[c.key]) : (p[c.key] ?? '–'))))));
    setText('proc-summary', `${rows.length} of ${procs.total} processes: those using the most CPU or memory`
      + (q ? `, matching “${q}”` : ''));
    $('#proc-table').dataset.time = procs.time_millis;
  }

  async function refreshProcesses() {
    const r = await api('api/v1/processes');
    if (!r.ok) return;
    procs = await r.json();
    renderProcesses();
  }

  // ------------------------------------------------------------------ alerts

  async function refreshAlerts() {
    const note = $('#alerts-note');
    const table = $('#alerts-table');
    const badge = $('#alert-badge');
    let r;
    try {
      r = await api('api/v1/alerts');
    } catch (e) {
      return;
    }
    if (r.status === 404) {
      note.hidden = false;
      note.textContent = 'No alert rules configured (rule_files in the agent\'s config).';
      table.hidden = true;
      badge.hidden = true;
      $('#alerts-card').dataset.state = 'none';
      return;
    }
    if (!r.ok) {
      note.hidden = false;
      note.textContent = `Alerts unavailable: HTTP ${r.status}`;
      return;
    }
    const body = await r.json();
    const alerts = (body.data && body.data.alerts) || [];
    const rank = (a) => (a.state === 'firing' ? 0 : 1);
    alerts.sort((a, b) => rank(a) - rank(b) || String(a.activeAt).localeCompare(String(b.activeAt)));
    table.hidden = alerts.length === 0;
    note.hidden = alerts.length > 0;
    note.textContent = 'No active alerts.';
    $('#alerts-card').dataset.state = 'loaded';
    $('#alerts-table tbody').replaceChildren(...alerts.map((a) => {
      const labels = Object.entries(a.labels || {}).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}="${v}"`).join(', ');
      const ann = a.annotations || {};
      const since = Date.parse(a.activeAt);
      return el('tr', { class: a.state, dataset: { state: a.state, alertname: (a.labels || {}).alertname } },
        el('td', {}, a.state), el('td', {}, (a.labels || {}).alertname || ''), el('td', {}, labels),
        el('td', { title: ann.description || '' }, ann.summary || ann.description || ''),
        el('td', { title: a.activeAt || '' }, Number.isFinite(since) ? new Date(since).toLocaleString() : ''),
        el('td', { class: 'num' }, a.value ?? ''));
    }));
    const firing = alerts.filter((a) => a.state === 'firing').length;
    badge.hidden = firing === 0;
    badge.textContent = `${firing} firing`;
  }

  // ------------------------------------------------------------------ history

  let historyGen = 0;
  let historyRange = '1h';
  const historyCharts = new Map();

  async function showHistory(range) {
    historyRange = range;
    const gen = ++historyGen;
    document.querySelectorAll('button.range').forEach((b) => b.classList.toggle('active', b.dataset.range === range));
    const note = $('#history-note');
    const box = $('#history-charts');
    delete box.dataset.range;
    let r;
    try {
      r = await api('api/v1/history');
    } catch (e) {
      note.hidden = false;
      note.textContent = 'History unavailable: ' + e;
      return;
    }
    if (gen !== historyGen) return;
    if (!r.ok) {
      note.hidden = false;
      note.textContent = r.status === 404 ? 'This agent keeps no history.' : `History unavailable: HTTP ${r.status}`;
      box.replaceChildren();
      box.dataset.range = range;
      return;
    }
    const list = (await r.json()).charts || [];
    note.hidden = list.length > 0;
    note.textContent = 'No history yet.';
    historyCharts.forEach((c) => { c.plot.destroy(); charts.delete(c); });
    historyCharts.clear();
    box.replaceChildren(...list.map((c) => el('div', { class: 'card' },
      el('h3', {}, c.title, ' ', el('span', { class: 'sub' }, c.unit)),
      el('div', { class: 'chart hchart', dataset: { chart: c.id } }))));
    await Promise.all(list.map(async (c) => {
      const div = box.querySelector(`.hchart[data-chart="${CSS.escape(c.id)}"]`);
      try {
        const q = await api(`api/v1/history?chart=${encodeURIComponent(c.id)}&range=${range}`);
        if (gen !== historyGen) return;
        if (!q.ok) { div.textContent = `HTTP ${q.status}: ${await q.text()}`; return; }
        drawHistory(div, await q.json());
        div.dataset.range = range;
      } catch (e) {
        div.textContent = String(e);
      }
    }));
    if (gen === historyGen) box.dataset.range = range;
  }

  /** avg as a line per chart line, min..max as a band around it. */
  function drawHistory(div, w) {
    const lines = w.chart.lines;
    const data = [w.times];
    const series = [{}];
    const bands = [];
    const fmt = (v) => fmtUnit(w.chart.unit, v);
    lines.forEach((name, i) => {
      const color = COLORS[i % COLORS.length];
      const base = data.length;
      data.push(w.avg[name], w.min[name], w.max[name]);
      series.push({ label: name, stroke: color, width: 1.5, value: (u, v) => fmt(v) });
      series.push({ label: name + ' min', stroke: color + '55', width: 1, value: (u, v) => fmt(v) });
      series.push({ label: name + ' max', stroke: color + '55', width: 1, value: (u, v) => fmt(v) });
      bands.push({ series: [base + 2, base + 1], fill: color + '22' });
    });
    const chart = {
      container: div,
      plot: new uPlot({
        width: Math.max(200, div.clientWidth),
        height: 180,
        scales: { x: { time: true } },
        series,
        bands,
        axes: [{}, { values: axisFmt(fmt), size: 80 }],
      }, data, div),
      resize() { this.plot.setSize({ width: Math.max(200, div.clientWidth), height: 180 }); },
    };
    // min and max stay in the legend's hover values but not as rows of their own
    div.querySelectorAll('.u-legend .u-series').forEach((row, i) => { if (i > 0 && (i - 1) % 3 !== 0) row.style.display = 'none'; });
    div.dataset.points = w.times.length;
    div.dataset.step = w.step;
    historyCharts.set(div.dataset.chart, chart);
    charts.add(chart);
  }

  // ------------------------------------------------------------------ views, polling

  function showView(view) {
    for (const v of ['live', 'history']) {
      $('#view-' + v).hidden = v !== view;
      $('#tab-' + v).classList.toggle('active', v === view);
    }
    if (view === 'history') showHistory(historyRange);
    else charts.forEach((c) => c.resize());
  }

  function route() {
    const m = /^#history(?:\/(\w+))?$/.exec(location.hash);
    if (m) {
      if (m[1]) historyRange = m[1];
      showView('history');
    } else {
      showView('live');
    }
  }

  // Resolved against the page's URL without its user:password part: a page opened with the
  // credentials in its URL may not fetch URLs carrying them (the browser still sends them).
  const BASE = location.origin + location.pathname;

  function api(path) {
    return fetch(new URL(path, BASE), { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
  }

  function setStatus(text, error) {
    const s = $('#status');
    s.textContent = text;
    s.classList.toggle('error', !!error);
  }

  async function poll() {
    try {
      if (document.hidden) return;   // a background tab costs the agent nothing
      const r = await api('api/v1/latest');
      if (r.status === 503) {
        setStatus('waiting for the first collection…');
      } else if (!r.ok) {
        setStatus(`agent answered HTTP ${r.status}`, true);
      } else {
        const b = new Batch(await r.json());
        if (!cur || b.time !== cur.time) {
          prev = cur;
          cur = b;
          renderLive();
          const every = prev ? ` · every ${((cur.time - prev.time) / 1000).toFixed(0)} s` : '';
          setStatus(`collected ${new Date(cur.time).toLocaleTimeString()}${every}`);
          $('#status').dataset.time = cur.time;
          await Promise.all([refreshProcesses(), refreshAlerts()]);
          $('#status').dataset.rendered = cur.time;
        }
      }
    } catch (e) {
      setStatus('agent unreachable: ' + e.message, true);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  document.querySelectorAll('button.tab').forEach((b) => b.addEventListener('click', () => {
    location.hash = b.dataset.view === 'history' ? '#history/' + historyRange : '#live';
  }));
  document.querySelectorAll('button.range').forEach((b) => b.addEventListener('click', () => {
    location.hash = '#history/' + b.dataset.range;
  }));
  $('#proc-filter').addEventListener('input', renderProcesses);
  window.addEventListener('hashchange', route);
  procHeader();
  route();
  poll();
})();
