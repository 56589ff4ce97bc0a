// Ballast dashboard: plain JavaScript over the HTTP API. No framework, no CDN, nothing loaded from outside this server.
'use strict';
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const fmt = (v, d = 2) => v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: 0 });
  // The API names every field with its unit (docs/outputs.md): *_usd_bn is already in US$ bn, *_pct in percent.
  const bn = v => fmt(v, 1);

  async function api(path, opts) {
    const res = await fetch(path, opts);
    const type = res.headers.get('content-type') || '';
    const body = type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) { const e = new Error(body && body.detail ? body.detail : ('HTTP ' + res.status)); e.problem = body; e.status = res.status; throw e; }
    return body;
  }
  const post = (path, data) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });

  function toCsv(columns, rows) {
    const cell = v => { const s = v === null || v === undefined ? '' : String(v); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    return [columns.map(cell).join(','), ...rows.map(r => r.map(cell).join(','))].join('\r\n') + '\r\n';
  }
  function download(name, text) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }
  function table(columns, rows, caption, leftCols) {
    const left = new Set(leftCols || [0]);
    let h = '<table>' + (caption ? '<caption>' + esc(caption) + '</caption>' : '') + '<thead><tr>';
    columns.forEach((c, i) => { h += '<th scope="col" class="' + (left.has(i) ? 'l' : '') + '">' + esc(c) + '</th>'; });
    h += '</tr></thead><tbody>';
    rows.forEach(r => { h += '<tr>' + r.map((v, i) => (i === 0 ? '<th scope="row" class="l">' : '<td class="' + (left.has(i) ? 'l' : '') + '">') + esc(v) + (i === 0 ? '</th>' : '</td>')).join('') + '</tr>'; });
    return h + '</tbody></table>';
  }
  function problemText(e) {
    const p = e.problem;
    if (!p || typeof p !== 'object') return e.message;
    return (p.field ? p.field + ': ' : '') + (p.reason || p.detail || p.title);
  }
  async function loadSvg(figure, url, csvUrl, caption) {
    figure.setAttribute('aria-busy', 'true');
    try {
      const svg = await api(url);
      $('.svg', figure).innerHTML = svg;
      if (caption !== undefined) $('figcaption', figure).textContent = caption;
      const link = $('a.csv', figure); if (link && csvUrl) link.href = csvUrl;
    } catch (e) {
      $('.svg', figure).innerHTML = '<p class="messages error" role="alert">' + esc(problemText(e)) + '</p>';
    } finally { figure.setAttribute('aria-busy', 'false'); }
  }

  // ---------- (a) burden explorer ----------
  function burdenPage() {
    const group = $('#group'), year = $('#year'), out = $('#year-out'), other = $('#target-other');
    let gapRows = [], gapCols = [], explRows = [];
    const targets = () => { const t = $$('input[name=target]:checked').map(i => i.value); if (other.value) t.push(other.value); return t.join(','); };
    const q = extra => { const p = new URLSearchParams(extra); if (group.value) p.set('group', group.value); return p.toString(); };
    async function chart() {
      const qs = q({ targets: targets(), year: year.value });
      const fig = $('#shares-figure');
      await loadSvg(fig, '/api/figures/shares.svg?' + qs, '/api/figures/shares.csv?' + qs,
        'Military spending as a share of GDP for ' + (group.value || 'the Indo-Pacific default set') + ' against the targets ' + targets().replace(/,/g, ', ') + ' % (dashed lines). Source: SIPRI, World Bank WDI.');
    }
    async function gaps() {
      const box = $('#gap-table');
      try {
        const d = await api('/api/burden?' + q({ year: year.value, targets: targets() }));
        gapCols = ['Country', 'Code', 'Spending (US$ bn)', 'GDP (US$ bn)', 'Share (%)'];
        d.targets_pct.forEach(t => gapCols.push('Gap to ' + t + '% (pp)', 'Gap to ' + t + '% (US$ bn)', 'Reaches ' + t + '%'));
        gapRows = d.rows.map(r => {
          const row = [r.name, r.country, bn(r.milex_usd_bn), bn(r.gdp_usd_bn), fmt(r.share_pct)];
          r.gaps.forEach(g => row.push(fmt(g.gap_pp), bn(g.gap_usd_bn), g.reach_status === 'met' ? 'met' : g.reach_status === 'on_trend' ? String(g.reach_year) : g.reach_status === null ? '–' : 'not within 50 years'));
          return row;
        });
        box.innerHTML = table(gapCols, gapRows, 'Burden in ' + d.year + ' against the targets', [0, 1]) + '<p class="muted">' + esc(d.notes.join(' ')) + ' ' + esc(d.citation) + '</p>';
      } catch (e) { box.innerHTML = '<p class="messages error" role="alert">' + esc(problemText(e)) + '</p>'; }
    }
    async function exploitation() {
      const box = $('#exploitation');
      try {
        const y = Math.min(Number(year.value), 2023);
        const d = await api('/api/exploitation?' + q({ year: String(y) }));
        explRows = d.table.map(r => [r.name, r.country, bn(r.gdp_usd_bn), fmt(r.share_pct), fmt(r.rank_gdp, 1), fmt(r.rank_share, 1)]);
        const stat = (method, c, coefficient) => method + ': coefficient ' + fmt(coefficient, 3) + ', p = ' + fmt(c.p, 4) + ' (n = ' + c.n + ')';
        box.innerHTML = '<p><strong>' + esc(d.interpretation) + '</strong></p><ul><li>' + stat('Spearman rho', d.spearman, d.spearman.rho) + '</li><li>' + stat('Kendall tau-b', d.kendall, d.kendall.tau_b) + '</li></ul>' +
          table(['Country', 'Code', 'GDP (US$ bn)', 'Share (%)', 'Rank by GDP', 'Rank by share'], explRows, 'Ranking in ' + d.year, [0, 1]) +
          (d.excluded.length ? '<p class="muted">Left out: ' + esc(d.excluded.map(x => x.country + ' (' + x.reason + ')').join('; ')) + '</p>' : '');
      } catch (e) { box.innerHTML = '<p class="messages error" role="alert">' + esc(problemText(e)) + '</p>'; }
    }
    const all = () => { chart(); gaps(); exploitation(); };
    let timer;
    year.addEventListener('input', () => { out.value = year.value; year.setAttribute('aria-valuetext', year.value); clearTimeout(timer); timer = setTimeout(() => { gaps(); exploitation(); }, 150); });
    group.addEventListener('change', all);
    $$('input[name=target]').forEach(i => i.addEventListener('change', () => { chart(); gaps(); }));
    other.addEventListener('change', () => { chart(); gaps(); });
    $('#gap-csv').addEventListener('click', () => download('burden-gaps.csv', toCsv(gapCols, gapRows)));
    $('#expl-csv').addEventListener('click', () => download('exploitation.csv', toCsv(['Country', 'Code', 'GDP (US$ bn)', 'Share (%)', 'Rank by GDP', 'Rank by share'], explRows)));
    all();
  }

  // ---------- (b) alliance network ----------
  function networkPage() {
    const group = $('#group');
    let metricRows = [], metricCols = [];
    async function draw() {
      const years = ['#y1', '#y2', '#y3'].map(s => $(s).value).filter(Boolean);
      const p = new URLSearchParams({ years: years.join(',') }); if (group.value) p.set('group', group.value);
      await loadSvg($('#network-figure'), '/api/figures/network.svg?' + p, '/api/figures/network.csv?' + p,
        'Alliance ties in ' + years.join(', ') + ': the US in the centre; ties among allies around the circle mean a networked architecture. Sources: ATOP v5.1; groupings with a citation per row.');
      try {
        const nets = await Promise.all(years.map(y => { const q = new URLSearchParams({ year: y }); if (group.value) q.set('group', group.value); return api('/api/network?' + q); }));
        metricCols = ['Metric'].concat(nets.map(n => String(n.year)));
        const m = k => nets.map(n => n.metrics[k]);
        metricRows = [
          ['Countries', ...m('nodes')], ['Ties', ...m('edges')], ['Density', ...m('density').map(v => fmt(v, 3))],
          ['Degree centralisation (1 = pure hub-and-spokes)', ...m('degree_centralisation').map(v => fmt(v, 3))],
          ['Ties of the US', ...m('patron_ties')], ['US share of ties', ...m('patron_share_of_ties').map(v => fmt(v, 3))], ['Ally-to-ally ties', ...m('ally_to_ally_ties')],
        ];
        $('#network-metrics').innerHTML = table(metricCols, metricRows, 'Hub-and-spokes vs networked');
      } catch (e) { $('#network-metrics').innerHTML = '<p class="messages error" role="alert">' + esc(problemText(e)) + '</p>'; }
    }
    $('#network-draw').addEventListener('click', draw);
    group.addEventListener('change', draw);
    $('#metrics-csv').addEventListener('click', () => download('network-metrics.csv', toCsv(metricCols, metricRows)));
    draw();
  }

  // ---------- jobs: submit, poll, results ----------
  async function poll(id, onProgress) {
    for (;;) {
      const j = await api('/api/jobs/' + id);
      onProgress(j);
      if (['Succeeded', 'Failed', 'Cancelled'].includes(j.status)) return j;
      await new Promise(r => setTimeout(r, 400));
    }
  }
  function showProgress(j) {
    $('#progress').value = j.progress;
    $('#run-status').textContent = j.status === 'Running' ? 'Running: ' + j.done + ' of ' + j.total + ' runs (' + Math.round(100 * j.progress) + ' %)'
      : j.status === 'Queued' ? 'Queued…' : j.status + (j.error ? ': ' + j.error : '');
  }
  function kpiTable(res) {
    const names = res.scenarios.map(s => s.name);
    const cols = ['KPI', 'Unit'];
    names.forEach(n => cols.push(n + ' median', n + ' 5–95 %'));
    const rows = res.kpis.map(k => {
      const r = [k.name, k.unit];
      const f = x => k.unit === 'year' ? (x === null || x === undefined ? '–' : String(x)) : fmt(x, 3);
      k.values.forEach(v => r.push(f(v.p50), v.p5 === null ? '–' : fmt(v.p5, 3) + ' – ' + fmt(v.p95, 3)));
      return r;
    });
    return { cols, rows };
  }
  // Paired differences (common random numbers): per KPI, each scenario's median and the run-by-run difference to the first.
  function pairedTable(res) {
    const names = res.scenarios.map(s => s.name);
    const cols = ['KPI', 'Unit'];
    names.forEach(n => cols.push(n + ' median'));
    names.slice(1).forEach(n => cols.push(n + ' − ' + names[0] + ' (median)', '5–95 % of runs'));
    const signed = x => x === null || x === undefined ? '–' : (x > 0 ? '+' : '') + fmt(x, 3);
    const rows = res.paired.map(k => {
      const r = [k.name, k.unit];
      k.medians.forEach(m => r.push(fmt(m, 3)));
      k.differences.slice(1).forEach(d => r.push(d ? signed(d.p50) : '–', d ? signed(d.p5) + ' to ' + signed(d.p95) : '–'));
      return r;
    });
    return { cols, rows };
  }
  function figuresHtml(jobId, figs, scenarioIndex, label) {
    return figs.map(f => {
      const base = '/api/jobs/' + jobId + '/figures/' + f.id;
      const q = scenarioIndex === undefined ? '' : '?scenario=' + scenarioIndex;
      return '<figure class="chart" data-figure="' + esc(f.id) + '" data-src="' + esc(base + '.svg' + q) + '"><h3>' + esc((label ? label + ': ' : '') + f.title) + '</h3><div class="svg"></div><figcaption>' + esc(f.caption) +
        '</figcaption><p><a class="csv" href="' + esc(base + '.csv' + q) + '" download>Download the data (CSV)</a></p></figure>';
    }).join('');
  }
  async function fillFigures(root) {
    await Promise.all($$('figure[data-src]', root).map(f => loadSvg(f, f.dataset.src)));
  }

  // ---------- (c) scenario workbench ----------
  async function workbenchPage() {
    const ta = $('#yaml'), gutter = $('#gutter'), msgs = $('#yaml-messages'), example = $('#example');
    let schema = [], fileName = null, current = null, validateTimer;
    function lines(errorLine) {
      const n = ta.value.split('\n').length;
      let h = '';
      for (let i = 1; i <= n; i++) h += (i === errorLine ? '<span class="err">' + i + '</span>' : i) + '\n';
      gutter.innerHTML = h;
      ta.rows = Math.max(20, n + 1);
    }
    function goToLine(line, column) {
      const all = ta.value.split('\n');
      let pos = 0; for (let i = 0; i < line - 1 && i < all.length; i++) pos += all[i].length + 1;
      ta.focus(); ta.setSelectionRange(pos + Math.max(0, (column || 1) - 1), pos + (all[line - 1] || '').length);
    }
    function renderLevers(values) {
      const form = $('#levers');
      form.innerHTML = schema.map(d => {
        const id = 'lever-' + d.key.replace(/[^a-z0-9]/gi, '-');
        const v = values[d.key] ?? '';
        let input;
        if (d.type === 'choice') input = '<select id="' + id + '" name="' + esc(d.key) + '">' + (d.optional ? '<option value=""></option>' : '') + d.choices.map(c => '<option' + (c === v ? ' selected' : '') + '>' + esc(c) + '</option>').join('') + '</select>';
        else if (d.type === 'numbers') input = '<input id="' + id + '" name="' + esc(d.key) + '" type="text" value="' + esc(v) + '" inputmode="decimal">';
        else input = '<input id="' + id + '" name="' + esc(d.key) + '" type="number"' + (d.min !== null ? ' min="' + d.min + '"' : '') + (d.max !== null ? ' max="' + d.max + '"' : '') + (d.step ? ' step="' + d.step + '"' : '') + ' value="' + esc(v) + '">';
        return '<label for="' + id + '">' + esc(d.label) + input + '<small id="' + id + '-help">' + esc(d.help) + '</small></label>';
      }).join('');
      $$('#levers input, #levers select').forEach(el => el.setAttribute('aria-describedby', el.id + '-help'));
      form.dataset.initial = JSON.stringify(values);
    }
    async function validate() {
      try {
        const r = await post('/api/scenarios/validate', { yaml: ta.value, file_name: fileName || (example.value ? example.value + '.yaml' : 'scenario.yaml') });
        msgs.innerHTML = '<li class="ok">Valid scenario “' + esc(r.scenario.name) + '”: ' + r.scenario.start_year + '–' + r.scenario.horizon_year + ', ' + esc(r.scenario.actors) + ', ' + esc(r.scenario.architecture) + '.</li>';
        lines(null); current = r; $('#question').textContent = r.scenario.question; renderLevers(r.levers); $('#run').disabled = false;
        return true;
      } catch (e) {
        const p = e.problem || {};
        lines(p.line);
        msgs.innerHTML = '<li class="error" role="alert">' + (p.line ? '<button type="button" data-line="' + p.line + '" data-col="' + (p.column || 1) + '">Line ' + p.line + (p.column ? ', column ' + p.column : '') + '</button>: ' : '') + esc(problemText(e)) + '</li>';
        const b = $('button[data-line]', msgs); if (b) b.addEventListener('click', () => goToLine(Number(b.dataset.line), Number(b.dataset.col)));
        $('#run').disabled = true; current = null;
        return false;
      }
    }
    async function loadExample(name) {
      const r = await api('/api/scenarios/' + encodeURIComponent(name));
      ta.value = r.yaml; fileName = null; await validate();
      localStorage.setItem('ballast.workbench', JSON.stringify({ name, yaml: ta.value }));
    }
    schema = await api('/api/scenarios/schema');
    const list = await api('/api/scenarios');
    example.innerHTML = list.map(s => '<option value="' + esc(s.name) + '">' + esc(s.name) + '</option>').join('');
    example.addEventListener('change', () => loadExample(example.value));
    $('#upload').addEventListener('change', async ev => {
      const f = ev.target.files[0]; if (!f) return;
      ta.value = await f.text(); fileName = f.name; example.value = ''; await validate();
    });
    ta.addEventListener('input', () => { lines(null); clearTimeout(validateTimer); validateTimer = setTimeout(validate, 350); });
    ta.addEventListener('scroll', () => { gutter.scrollTop = ta.scrollTop; });
    $('#apply-levers').addEventListener('click', async () => {
      const initial = JSON.parse($('#levers').dataset.initial || '{}');
      const levers = {};
      $$('#levers [name]').forEach(el => { if ((initial[el.name] ?? '') !== el.value) levers[el.name] = el.value; });
      const status = $('#levers-status');
      try {
        const r = await post('/api/scenarios/levers', { yaml: ta.value, file_name: fileName || 'scenario.yaml', levers });
        ta.value = r.yaml; await validate();
        status.textContent = Object.keys(levers).length ? 'Applied: ' + Object.keys(levers).join(', ') + '.' : 'No lever changed.';
      } catch (e) { status.textContent = problemText(e); status.className = 'messages error'; }
    });
    let running = null;
    $('#run').addEventListener('click', async () => {
      if (!(await validate())) return;
      localStorage.setItem('ballast.workbench', JSON.stringify({ name: current.scenario.name, yaml: ta.value }));
      $('#run').disabled = true; $('#cancel').disabled = false; $('#results').hidden = true;
      try {
        const body = { yaml: ta.value, file_name: fileName || (example.value || 'scenario') + '.yaml', runs: Number($('#runs').value) };
        if ($('#seed').value) body.seed = Number($('#seed').value);
        const job = await post('/api/jobs', body);
        running = job.id;
        const done = await poll(job.id, showProgress);
        if (done.status === 'Succeeded') await showResults(done.id);
      } catch (e) { $('#run-status').textContent = problemText(e); }
      finally { $('#run').disabled = false; $('#cancel').disabled = true; running = null; }
    });
    $('#cancel').addEventListener('click', async () => { if (running) await post('/api/jobs/' + running + '/cancel', {}); });
    async function showResults(id) {
      const res = await api('/api/jobs/' + id + '/results');
      $('#report-link').href = '/api/jobs/' + id + '/report';
      const t = kpiTable(res);
      $('#kpis').innerHTML = table(t.cols, t.rows, 'KPIs at the horizon (' + res.runs + ' runs, seed ' + res.seed + ')', [0, 1]) + '<p><button type="button" id="kpi-csv">Download the KPIs (CSV)</button></p>';
      $('#kpi-csv').addEventListener('click', () => download('kpis.csv', toCsv(t.cols, t.rows)));
      $('#figures').innerHTML = figuresHtml(id, res.figures);
      $('#results').hidden = false;
      await fillFigures($('#figures'));
      $('#results-h').focus && $('#results').scrollIntoView({ block: 'start' });
    }
    const saved = JSON.parse(localStorage.getItem('ballast.workbench') || 'null');
    if (saved && saved.yaml) { ta.value = saved.yaml; example.value = list.some(s => s.name === saved.name) ? saved.name : ''; await validate(); }
    else await loadExample(list.some(s => s.name === 'baseline') ? 'baseline' : list[0].name);
  }

  // ---------- (d) compare ----------
  async function comparePage() {
    const list = await api('/api/scenarios');
    const saved = JSON.parse(localStorage.getItem('ballast.workbench') || 'null');
    const pick = $('#compare-pick');
    let h = '<legend>Scenarios (two or more)</legend>';
    if (saved && saved.yaml) h += '<label><input type="checkbox" name="cmp" value="__workbench" checked> workbench: ' + esc(saved.name) + '</label>';
    h += list.map((s, i) => '<label><input type="checkbox" name="cmp" value="' + esc(s.name) + '"' + ((s.name === 'baseline' || (!saved && i === 1)) ? ' checked' : '') + '> ' + esc(s.name) + '</label>').join('');
    pick.innerHTML = h;
    let csv = null, paired = null;
    $('#compare-run').addEventListener('click', async () => {
      const chosen = $$('input[name=cmp]:checked').map(i => i.value);
      const scenarios = chosen.map(v => v === '__workbench' ? { yaml: saved.yaml, file_name: saved.name + '.yaml' } : { scenario: v });
      const body = { scenarios, runs: Number($('#runs').value) };
      if ($('#seed').value) body.seed = Number($('#seed').value);
      $('#compare-run').disabled = true; $('#compare-results').hidden = true;
      try {
        const job = await post('/api/compare', body);
        const done = await poll(job.id, showProgress);
        if (done.status !== 'Succeeded') return;
        const res = await api('/api/jobs/' + done.id + '/results');
        $('#report-link').href = '/api/jobs/' + done.id + '/report';
        csv = kpiTable(res);
        paired = pairedTable(res);
        $('#compare-paired').innerHTML = table(paired.cols, paired.rows, 'Paired differences at the horizon (' + res.runs + ' runs each, common seed ' + res.seed + '; run r faces the same shocks in every scenario)', [0, 1]);
        $('#compare-kpis').innerHTML = table(csv.cols, csv.rows, 'KPIs side by side (' + res.runs + ' runs each, common seed ' + res.seed + ')', [0, 1]);
        const figs = res.figures.filter(f => ['balance-ratio', 'crossover', 'burden', 'network'].includes(f.id));
        $('#compare-figures').innerHTML = res.scenarios.map((s, i) => '<div><h3>' + esc(s.name) + '</h3>' + figuresHtml(done.id, figs, i, s.name) + '</div>').join('');
        $('#compare-results').hidden = false;
        await fillFigures($('#compare-figures'));
      } catch (e) { $('#run-status').textContent = problemText(e); }
      finally { $('#compare-run').disabled = false; }
    });
    $('#compare-csv').addEventListener('click', () => csv && download('compare-kpis.csv', toCsv(csv.cols, csv.rows)));
    $('#compare-paired-csv').addEventListener('click', () => paired && download('compare-paired.csv', toCsv(paired.cols, paired.rows)));
  }

  // ---------- jobs list ----------
  async function jobsPage() {
    const jobs = await api('/api/jobs');
    const rows = jobs.map(j => [j.name, j.kind, j.status, j.done + '/' + j.total, j.seed, new Date(j.created).toISOString().replace('T', ' ').slice(0, 19), j.error || '']);
    $('#job-list').innerHTML = jobs.length === 0 ? '<p>No jobs yet: run one from the workbench.</p>' :
      table(['Scenario', 'Kind', 'Status', 'Runs done', 'Seed', 'Created (UTC)', 'Note'], rows, 'Jobs', [0, 1, 2, 6]) +
      '<ul>' + jobs.filter(j => j.links.report).map(j => '<li><a href="' + esc(j.links.report) + '">Report: ' + esc(j.name) + ' (' + esc(j.id.slice(0, 8)) + ')</a> · <a href="' + esc(j.links.files) + '">files</a></li>').join('') + '</ul>';
  }

  // ---------- API reference (renders the OpenAPI document) ----------
  async function apiDocsPage() {
    const doc = await api('/openapi/v1.json');
    const box = $('#api-reference');
    let h = '<p>' + esc(doc.info.title) + ' ' + esc(doc.info.version) + ': ' + esc(doc.info.description || '') + '</p>';
    const ops = [];
    Object.entries(doc.paths).forEach(([path, item]) => Object.entries(item).forEach(([method, op]) => { if (op && op.responses) ops.push({ path, method, op }); }));
    const tags = [...new Set(ops.map(o => (o.op.tags || ['Other'])[0]))];
    tags.forEach(tag => {
      h += '<h2>' + esc(tag) + '</h2>';
      ops.filter(o => (o.op.tags || ['Other'])[0] === tag).forEach((o, i) => {
        const params = (o.op.parameters || []);
        const id = 'op-' + esc(o.op.operationId || (tag + i));
        h += '<details class="endpoint" data-path="' + esc(o.path) + '" data-method="' + o.method + '"><summary><span class="method ' + o.method + '">' + o.method.toUpperCase() + '</span> <code>' + esc(o.path) + '</code> — ' + esc(o.op.summary || '') + '</summary>';
        if (params.length) h += table(['Parameter', 'In', 'Type', 'Required'], params.map(p => [p.name, p.in, (p.schema && (p.schema.type || (p.schema.$ref || '').split('/').pop())) || '', p.required ? 'yes' : 'no']), null, [0, 1, 2]);
        if (o.op.requestBody) h += '<p>Body: JSON (' + esc(Object.keys(o.op.requestBody.content || {}).join(', ')) + ').</p>';
        if (o.method === 'get') {
          h += '<form class="try" data-path="' + esc(o.path) + '">' + params.map(p => '<label>' + esc(p.name) + ' <input name="' + esc(p.name) + '" data-in="' + esc(p.in) + '"' + (p.required ? ' required' : '') + '></label> ').join('') +
            '<button type="submit">Try it</button></form><pre class="out" aria-live="polite" id="' + id + '"></pre>';
        }
        h += '</details>';
      });
    });
    box.innerHTML = h;
    $$('form.try', box).forEach(f => f.addEventListener('submit', async ev => {
      ev.preventDefault();
      let path = f.dataset.path; const q = new URLSearchParams();
      $$('input', f).forEach(i => { if (!i.value) return; if (i.dataset.in === 'path') path = path.replace('{' + i.name + '}', encodeURIComponent(i.value)).replace('{*' + i.name + '}', i.value); else q.set(i.name, i.value); });
      const out = f.nextElementSibling;
      const res = await fetch(path + (q.toString() ? '?' + q : ''));
      const text = await res.text();
      out.textContent = res.status + ' ' + res.statusText + '\n' + (text.length > 20000 ? text.slice(0, 20000) + '\n…' : text);
    }));
  }

  // ---------- (e) exploration: start a job (JSON POST), then the server renders the results ----------
  async function explorePage() {
    const status = $('#explore-status');
    $('#explore-form').addEventListener('submit', async () => {
      const seed = $('#explore-seed').value;
      status.textContent = 'Starting…';
      try {
        const j = await post('/api/explore', { scenario: $('#explore-scenario').value, design: $('#explore-design').value, samples: Number($('#explore-samples').value), seed: seed === '' ? null : Number(seed) });
        location.href = '/explore?job=' + encodeURIComponent(j.id);
      } catch (e) { status.textContent = problemText(e); status.setAttribute('role', 'alert'); }
    });
    const pending = $('#explore-pending');
    if (pending) {
      await poll(pending.dataset.job, j => { $('#explore-progress').value = j.progress; pending.textContent = j.status + ': ' + j.done + ' of ' + j.total + ' runs'; });
      location.reload();
    }
  }

  // The wargame pages (games.js) share these helpers.
  window.Ballast = { $, $$, esc, fmt, api, post, table, problemText };

  const pages = { explore: explorePage, burden: burdenPage, network: networkPage, workbench: workbenchPage, compare: comparePage, jobs: jobsPage, apidocs: apiDocsPage };
  const page = pages[document.body.dataset.page];
  if (page) Promise.resolve(page()).catch(e => { const m = document.createElement('p'); m.setAttribute('role', 'alert'); m.className = 'messages error'; m.textContent = problemText(e); $('main').appendChild(m); });
})();
