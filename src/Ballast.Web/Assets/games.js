// Ballast wargame pages: lobby, creation, and one game's page for a team, the White Cell or a spectator. Plain
// JavaScript over /api/games and the hub /hubs/games (hub.js); the helpers come from app.js. Codes are sent once, in the
// body of the join request; after it the browser holds only an HTTP-only session cookie.
'use strict';
(function () {
  const { $, $$, esc, fmt, api, post, table, problemText } = window.Ballast;
  const say = (el, text, error) => { el.textContent = text; el.className = error ? 'messages error' : 'muted'; if (error) el.setAttribute('role', 'alert'); else el.setAttribute('role', 'status'); };

  async function join(game, code) {
    return post('/api/games/' + encodeURIComponent(game) + '/join', { code });
  }

  // ---------- lobby ----------
  async function lobbyPage() {
    const games = await api('/api/games');
    const box = $('#game-list');
    box.innerHTML = games.length === 0 ? '<p>No games yet: a facilitator creates one.</p>' :
      table(['Game', 'Title', 'Turn', 'State', 'Branched from'], games.map(g => [g.game_id, g.title, Math.min(g.turn, g.turns) + ' of ' + g.turns, g.status, g.parent_game_id ? g.parent_game_id + ' at turn ' + g.branch_turn : '']), 'Games on this server', [0, 1, 3, 4]) +
      '<ul>' + games.map(g => '<li><a href="/games/' + encodeURIComponent(g.game_id) + '">Open ' + esc(g.title) + ' (' + esc(g.game_id) + ')</a></li>').join('') + '</ul>';
    $('#join-game').innerHTML = games.map(g => '<option value="' + esc(g.game_id) + '">' + esc(g.title + ' (' + g.game_id + ')') + '</option>').join('');
    $('#join-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      try {
        const game = $('#join-game').value;
        await join(game, $('#join-code').value);
        location.href = '/games/' + encodeURIComponent(game);
      } catch (e) { say($('#join-status'), problemText(e), true); }
    });
  }

  // ---------- creation ----------
  function codeTable(g, caption) {
    return table(['Role', 'Team', 'Code'], g.codes.map(c => [c.role === 'WhiteCell' ? 'White Cell' : c.role, c.team || '', c.code]), caption, [0, 1, 2]);
  }
  async function newGamePage() {
    const defs = await api('/api/games/definitions');
    const select = $('#new-definition'), humans = $('#new-humans');
    let upload = null;
    select.innerHTML = defs.map(d => '<option value="' + esc(d.name) + '">' + esc(d.title + ' (' + d.turns + ' turns from ' + d.start_year + ')') + '</option>').join('');
    const teams = list => { humans.innerHTML = '<legend>Teams played by people (the model plays the others)</legend>' + list.map(t => '<label><input type="checkbox" name="human" value="' + esc(t) + '" checked> ' + esc(t) + '</label>').join(''); };
    const chosen = () => defs.find(d => d.name === select.value);
    teams(chosen().teams);
    select.addEventListener('change', () => { upload = null; $('#new-upload').value = ''; teams(chosen().teams); });
    $('#new-upload').addEventListener('change', async ev => {
      const f = ev.target.files[0];
      upload = f ? { yaml: await f.text(), file_name: f.name } : null;
      // The uploaded game's teams: its "- id:" lines under teams (the server checks the whole file on creation).
      if (upload) teams([...upload.yaml.matchAll(/^\s*-\s*id:\s*([a-z0-9-]+)\s*$/gm)].map(m => m[1]));
    });
    $('#new-game-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = upload ? { yaml: upload.yaml, file_name: upload.file_name } : { definition: select.value };
      body.human = $$('input[name=human]:checked', humans).map(i => i.value);
      if ($('#new-seed').value) body.seed = Number($('#new-seed').value);
      try {
        const g = await post('/api/games', body);
        $('#new-code-table').innerHTML = codeTable(g, 'Codes of game ' + g.id);
        $('#new-open').href = g.links.page;
        $('#new-codes').hidden = false;
        say($('#new-status'), 'Created game ' + g.id + '.');
      } catch (e) { say($('#new-status'), problemText(e), true); }
    });
  }

  // ---------- one game ----------
  const band = b => b ? fmt(b.p05, 2) + ' – ' + fmt(b.p95, 2) : '–';
  const movesText = ms => ms.length === 0 ? 'no move' : ms.map(m => m.item + ' ' + fmt(m.value, 3) + (m.target ? ' → ' + m.target : '') + (m.option ? ' (' + m.option + ')' : '') + (m.deadline ? ' by ' + m.deadline : '')).join('; ');

  function outcomeHtml(o, names) {
    let h = '<h3>Turn ' + o.turn + ' (' + o.first_year + (o.last_year !== o.first_year ? '–' + o.last_year : '') + '): realised draw ' + o.realised_run + ' of ' + o.band_runs + ' runs</h3>';
    h += table(['Year', 'Balance', 'Balance 5–95 %', 'Spending ratio', 'Spending ratio 5–95 %'], o.world.map(w => [w.year, fmt(w.balance, 3), band(w.balance_band), fmt(w.spending_ratio, 3), band(w.spending_ratio_band)]), 'The world in turn ' + o.turn + ': realised and what could have happened');
    if (o.actors.length) h += table(['Actor', 'Spending (US$ bn)', 'Spending 5–95 %', 'Burden (% GDP)', 'Burden 5–95 %', 'Credibility', 'Alignment', 'State'], o.actors.map(a => [a.actor, fmt(a.spending_usd_bn, 1), band(a.spending_band), fmt(a.burden_pct, 2), band(a.burden_band), fmt(a.credibility, 2), fmt(a.alignment, 2), a.state]), 'Actors at the end of turn ' + o.turn, [0, 7]);
    o.counterfactuals.forEach(c => { h += table(['Indicator', 'Actor', 'Realised', 'Had ' + (names[c.team_id] || c.team_id) + ' not moved', 'Median', 'Median without'], c.values.map(v => [v.indicator, v.actor || '', fmt(v.realised, 3), fmt(v.realised_without, 3), fmt(v.median, 3), fmt(v.median_without, 3)]), 'Counterfactual of ' + (names[c.team_id] || c.team_id), [0, 1]); });
    o.assessments.forEach(a => { h += table(['Criterion', 'Value', 'Met', 'Share of runs meeting it'], a.criteria.map(c => [c.name, fmt(c.value, 3), c.met ? 'yes' : 'no', fmt(100 * c.share_of_runs, 0) + ' %']), 'Assessment of ' + (names[a.team_id] || a.team_id) + (a.met ? ': objectives met' : ': objectives not met')); });
    return h;
  }

  async function gamePage() {
    const root = $('#game'), id = root.dataset.game, base = '/api/games/' + encodeURIComponent(id);
    let view = null, menu = null, clock = null, hub = null;
    const names = () => Object.fromEntries(view.teams.map(t => [t.id, t.name]));

    async function load() {
      try { view = await api(base); } catch (e) {
        if (e.status === 403) { $('#game-join').hidden = false; $('#game-play').hidden = true; return false; }
        throw e;
      }
      $('#game-join').hidden = true; $('#game-play').hidden = false;
      await show();
      return true;
    }

    async function show() {
      const n = names(), role = view.role, finished = view.status === 'Finished';
      const team = role.kind === 'Team' ? view.teams.find(t => t.id === role.team_id) : null;
      document.title = view.title + ' · Ballast';
      $('h1').textContent = view.title;
      $('#game-summary').textContent = view.parent_game_id ? 'A branch of game ' + view.parent_game_id + ' from turn ' + view.branch_turn + '.' : '';
      $('#game-role').textContent = team ? 'Team: ' + team.name : role.kind === 'WhiteCell' ? 'White Cell' : 'Spectator';
      $('#game-turn').textContent = finished ? 'Game over after ' + view.turns + ' turns' : 'Turn ' + view.turn + ' of ' + view.turns + ' (' + view.first_year + (view.last_year !== view.first_year ? '–' + view.last_year : '') + ')';
      $('#game-phase').textContent = view.status;
      root.dataset.turn = String(view.turn); root.dataset.status = view.status;
      $('#game-teams').innerHTML = table(['Team', 'Actors', 'Played by', 'Moves this turn'], view.teams.map(t => [t.name, t.actors.join(', '), t.human ? 'people' : 'the model', finished ? '–' : t.submitted ? 'submitted' : 'waiting']), 'Teams', [0, 1, 2, 3]);
      $('#game-signals').innerHTML = view.signals.map(s => '<li>Turn ' + s.turn + ', ' + esc(n[s.team_id] || s.team_id) + ': ' + esc(s.text) + '</li>').join('') || '<li class="muted">No signal yet.</li>';
      $('#game-injects').innerHTML = view.injects.map(i => '<li>Turn ' + i.turn + ': ' + esc(i.inject.kind) + (i.inject.target ? ' in ' + esc(i.inject.target) : '') + (i.inject.option ? ' (' + esc(i.inject.option) + ')' : '') + ', ' + fmt(i.inject.value, 3) + (i.inject.text ? ' — ' + esc(i.inject.text) : '') + '</li>').join('') || '<li class="muted">None you may see yet.</li>';
      $('#game-moves').innerHTML = view.moves.length === 0 ? '<p class="muted">No moves you may see yet.</p>' :
        table(['Turn', 'Team', 'Moves', 'Cost (US$ bn)', 'By'], view.moves.map(m => [m.turn, n[m.team_id] || m.team_id, movesText(m.moves), fmt(m.cost_usd_bn, 2), m.by_model ? 'the model' : 'people']), 'Moves you may see', [1, 2, 4]);
      $('#game-outcomes').innerHTML = view.outcomes.length === 0 ? '<p class="muted">No turn adjudicated yet.</p>' : view.outcomes.slice().reverse().map(o => outcomeHtml(o, n)).join('');
      $('#signal-form').hidden = !team || view.status !== 'Open';
      $('#moves-section').hidden = !team || !team.human || finished;
      $('#white-section').hidden = role.kind !== 'WhiteCell';
      if (role.kind === 'WhiteCell') {
        $('#white-pause').disabled = view.status !== 'Open';
        $('#white-resume').disabled = view.status !== 'Paused';
        $('#white-adjudicate').disabled = view.status !== 'Open';
        $('#inject-form').hidden = finished;
        const done = view.outcomes.map(o => o.turn);
        $('#reveal-turn').innerHTML = done.map(t => '<option' + (t === done[done.length - 1] ? ' selected' : '') + '>' + t + '</option>').join('');
        $('#branch-turn').innerHTML = Array.from({ length: Math.min(view.turn, view.turns) }, (_, i) => '<option>' + (i + 1) + '</option>').join('');
        $('#white-reveal').disabled = done.length === 0;
        const report = $('#game-report');
        report.hidden = false; report.href = base + '/report';
      }
      if (team && team.human && !finished) await moveForm(team);
      tick();
    }

    function tick() {
      const el = $('#game-clock');
      clearInterval(clock);
      if (!view.deadline || view.status === 'Finished') { el.textContent = view.status === 'Finished' ? '' : 'No deadline'; return; }
      const update = () => {
        const left = Math.max(0, Math.round((Date.parse(view.deadline) - Date.now()) / 1000));
        el.textContent = view.status === 'Paused' ? 'Clock stopped (paused)' : left === 0 ? 'Deadline passed' : 'Moves close in ' + Math.floor(left / 60) + ' min ' + String(left % 60).padStart(2, '0') + ' s';
      };
      update(); clock = setInterval(update, 1000);
    }

    async function moveForm(team) {
      // Rebuilt only when the turn or the submission changes: another team's update must not wipe what is being typed.
      const form = $('#move-form');
      if (form.dataset.turn === String(view.turn) && form.dataset.submitted === String(team.submitted)) return;
      if (form.dataset.turn !== String(view.turn)) $('#move-status').textContent = '';
      menu = await api(base + '/menu');
      form.dataset.turn = String(view.turn); form.dataset.submitted = String(menu.submitted);
      if (menu.submitted) {
        form.innerHTML = '<p>' + esc(team.name) + ' has submitted its moves for turn ' + menu.turn + '. They stay secret until the game\'s rule reveals them.</p>';
        return;
      }
      let h = '<p class="muted">Turn ' + menu.turn + ': moves take effect from ' + menu.first_year + '. Budget for moves with a cost: US$ ' + fmt(menu.budget_usd_bn, 1) + ' bn. Leave a value blank to make no such move.</p><div class="moves">';
      menu.items.forEach(m => {
        const key = 'move-' + m.id;
        h += '<fieldset><legend>' + esc(m.label) + '</legend>';
        h += '<label>Value (' + esc(m.unit) + ') <input type="number" id="' + key + '" name="' + esc(m.id) + '" min="' + m.min + '" max="' + m.max + '" step="any" aria-describedby="' + key + '-help"></label>';
        h += '<small id="' + key + '-help">from ' + fmt(m.min, 3) + ' to ' + fmt(m.max, 3) + (m.cost_usd_bn ? '; costs US$ ' + fmt(m.cost_usd_bn, 2) + ' bn' : '') + '</small>';
        if (m.targets.length) h += '<label>Target <select id="' + key + '-target">' + m.targets.map(t => '<option>' + esc(t) + '</option>').join('') + '</select></label>';
        if (m.options.length) h += '<label>Option <select id="' + key + '-option">' + m.options.map(t => '<option>' + esc(t) + '</option>').join('') + '</select></label>';
        if (m.kind === 'Stance') h += '<label>Deadline (year, conditional stance) <input type="number" id="' + key + '-deadline" min="' + menu.first_year + '" max="2100" step="1"></label>';
        h += '</fieldset>';
      });
      form.innerHTML = h + '</div><button type="submit" id="move-submit">Submit the moves for turn ' + menu.turn + '</button>';
    }

    async function act(path, body, status) {
      try { const r = await post(base + path, body || {}); await load(); return r || true; } catch (e) { say(status, problemText(e), true); return false; }
    }

    function live() {
      hub = window.BallastHub.connect('/hubs/games');
      const note = text => { $('#game-live').textContent = text; };
      const who = t => (view && names()[t]) || t;
      const refresh = async text => { note(text); await load(); };
      hub.on('moveSubmitted', n => refresh(who(n.team_id) + ' submitted its moves for turn ' + n.turn + '.'));
      hub.on('signalPosted', n => refresh(who(n.team_id) + ' posted a signal.'));
      hub.on('injected', n => refresh('The White Cell made an inject in turn ' + n.turn + '.'));
      hub.on('turnResolved', n => refresh('Turn ' + n.turn + ' adjudicated.'));
      hub.on('revealed', n => refresh('The moves of turn ' + n.turn + ' are revealed.'));
      hub.on('paused', () => refresh('The White Cell paused the game.'));
      hub.on('resumed', () => refresh('The White Cell resumed the game.'));
      hub.onclose = () => { root.dataset.live = 'off'; note('Live updates stopped; reload the page to resume them.'); };
      hub.invoke('Watch', id).then(() => { root.dataset.live = 'on'; }).catch(e => note(e.message));
    }

    $('#game-join-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      try { await join(id, $('#game-code').value); $('#game-code').value = ''; if (await load()) live(); }
      catch (e) { say($('#game-join-status'), problemText(e), true); }
    });
    $('#signal-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      if (await act('/signals', { text: $('#signal-text').value }, $('#signal-status'))) { $('#signal-text').value = ''; say($('#signal-status'), 'Signal posted.'); }
    });
    $('#move-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const moves = [];
      menu.items.forEach(m => {
        const v = $('#move-' + m.id).value;
        if (v === '') return;
        const mv = { item: m.id, value: Number(v) };
        const t = $('#move-' + m.id + '-target'), o = $('#move-' + m.id + '-option'), d = $('#move-' + m.id + '-deadline');
        if (t) mv.target = t.value;
        if (o) mv.option = o.value;
        if (d && d.value) mv.deadline = Number(d.value);
        moves.push(mv);
      });
      const status = $('#move-status');
      if (await act('/moves', { moves }, status)) say(status, 'Moves submitted for turn ' + menu.turn + ': ' + movesText(moves) + '.');
    });
    const white = $('#white-status');
    $('#white-pause').addEventListener('click', async () => { if (await act('/pause', {}, white)) say(white, 'Paused.'); });
    $('#white-resume').addEventListener('click', async () => { if (await act('/resume', {}, white)) say(white, 'Resumed.'); });
    $('#white-adjudicate').addEventListener('click', async () => {
      const b = $('#white-adjudicate'), turn = view.turn; b.disabled = true; say(white, 'Adjudicating turn ' + turn + '…');
      if (await act('/adjudicate', {}, white)) say(white, 'Turn ' + turn + ' adjudicated.');
      else b.disabled = false;
    });
    $('#white-reveal').addEventListener('click', async () => { const turn = Number($('#reveal-turn').value); if (await act('/reveal', { turn }, white)) say(white, 'The moves of turn ' + turn + ' are revealed.'); });
    $('#white-branch').addEventListener('click', async () => {
      const r = await act('/branch', { turn: Number($('#branch-turn').value) }, white);
      if (r && r.codes) { $('#branch-codes').innerHTML = codeTable(r, 'Codes of the branch ' + r.id) + '<p><a href="' + esc(r.links.page) + '">Open the branch</a></p>'; say(white, 'Branched into game ' + r.id + '.'); }
    });
    $('#inject-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = { kind: $('#inject-kind').value, value: Number($('#inject-value').value), text: $('#inject-text').value };
      if ($('#inject-target').value) body.target = $('#inject-target').value.toUpperCase();
      if ($('#inject-option').value) body.option = $('#inject-option').value;
      if ($('#inject-spending').value) body.spending_change_pct = Number($('#inject-spending').value);
      if (await act('/injects', body, white)) say(white, 'Inject made: it takes effect this turn; teams see it once the turn is adjudicated.');
    });

    if (await load()) live();
  }

  const pages = { games: lobbyPage, 'game-new': newGamePage, game: gamePage };
  const page = pages[document.body.dataset.page];
  if (page) Promise.resolve(page()).catch(e => { const m = document.createElement('p'); m.setAttribute('role', 'alert'); m.className = 'messages error'; m.textContent = problemText(e); $('main').appendChild(m); });
})();
