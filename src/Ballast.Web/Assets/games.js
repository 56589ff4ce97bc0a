// Ballast wargame pages: lobby, creation, and one game's page for a team, the White Cell or a spectator. Plain
// JavaScript over /api/games and the hub /hubs/games (hub.js); the helpers come from app.js. Codes are sent once, in the
// body of the join request; after it the browser holds only an HTTP-only session cookie.
'use strict';
(function () {
  const { $, $$, esc, fmt, api, post, table, problemText } = window.Ballast;
  const say = (el, text, error) => { el.textContent = text; el.className = error ? 'messages error' : 'muted'; if (error) el.setAttribute('role', 'alert'); else el.setAttribute('role', 'status'); };
  const title = s => String(s ?? '').replace(/[-_]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, c => c.toUpperCase());

  // A value of a view as accessible HTML: a list of records as a table, a record as a definition list, else text.
  function render(v, caption) {
    if (v === null || v === undefined) return '<p class="muted">–</p>';
    if (Array.isArray(v)) {
      if (v.length === 0) return '<p class="muted">none</p>';
      if (v.every(x => x && typeof x === 'object' && !Array.isArray(x))) {
        const cols = [...new Set(v.flatMap(x => Object.keys(x)))];
        return '<div class="table-wrap">' + table(cols.map(title), v.map(x => cols.map(c => cell(x[c]))), caption, cols.map((_, i) => i)) + '</div>';
      }
      return '<ul>' + v.map(x => '<li>' + (typeof x === 'object' ? render(x) : esc(cell(x))) + '</li>').join('') + '</ul>';
    }
    if (typeof v === 'object') {
      return '<dl class="view">' + Object.entries(v).map(([k, x]) => '<dt>' + esc(title(k)) + '</dt><dd>' + (x && typeof x === 'object' ? render(x, title(k)) : esc(cell(x))) + '</dd>').join('') + '</dl>';
    }
    return '<p>' + esc(cell(v)) + '</p>';
  }
  function cell(x) {
    if (x === null || x === undefined) return '–';
    if (typeof x === 'number') return fmt(x, 3);
    if (Array.isArray(x)) return x.map(cell).join(', ');
    if (typeof x === 'object') return Object.entries(x).map(([k, y]) => k + ': ' + cell(y)).join('; ');
    return String(x);
  }

  async function join(game, code) {
    return post('/api/games/' + encodeURIComponent(game) + '/join', { code });
  }

  // ---------- lobby ----------
  async function lobbyPage() {
    const games = await api('/api/games');
    const box = $('#game-list');
    box.innerHTML = games.length === 0 ? '<p>No games yet: a facilitator creates one.</p>' :
      table(['Game', 'Title', 'Turn', 'Phase', 'Teams'], games.map(g => [g.id, g.title, g.turn + ' of ' + g.turns, title(g.phase), g.teams.join(', ')]), 'Games', [0, 1, 3, 4]) +
      '<ul>' + games.map(g => '<li><a href="/games/' + encodeURIComponent(g.id) + '">Open ' + esc(g.title) + ' (' + esc(g.id) + ')</a></li>').join('') + '</ul>';
    $('#join-game').innerHTML = games.map(g => '<option value="' + esc(g.id) + '">' + esc(g.title + ' (' + g.id + ')') + '</option>').join('');
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
  async function newGamePage() {
    const defs = await api('/api/games/definitions');
    const select = $('#new-definition');
    select.innerHTML = defs.map(d => '<option value="' + esc(d.name) + '">' + esc(d.title + ' (' + d.turns + ' turns)') + '</option>').join('');
    let upload = null;
    $('#new-upload').addEventListener('change', async ev => { const f = ev.target.files[0]; upload = f ? { yaml: await f.text(), fileName: f.name } : null; });
    $('#new-game-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = upload ? { yaml: upload.yaml, fileName: upload.fileName } : { definition: select.value };
      if ($('#new-seed').value) body.seed = Number($('#new-seed').value);
      try {
        const g = await post('/api/games', body);
        const rows = g.codes.map(c => [c.role, c.team || '', c.code]);
        $('#new-code-table').innerHTML = table(['Role', 'Team', 'Code'], rows, 'Codes of game ' + g.id, [0, 1, 2]);
        $('#new-open').href = '/games/' + encodeURIComponent(g.id);
        $('#new-codes').hidden = false;
        say($('#new-status'), 'Created game ' + g.id + '.');
      } catch (e) { say($('#new-status'), problemText(e), true); }
    });
  }

  // ---------- one game ----------
  async function gamePage() {
    const root = $('#game'), id = root.dataset.game, base = '/api/games/' + encodeURIComponent(id);
    let view = null, menu = null, hub = null, clock = null;

    async function load() {
      try { view = await api(base); } catch (e) {
        if (e.status === 403) { $('#game-join').hidden = false; $('#game-play').hidden = true; return false; }
        throw e;
      }
      $('#game-join').hidden = true; $('#game-play').hidden = false;
      show();
      return true;
    }

    function show() {
      document.title = view.title + ' · Ballast';
      $('h1').textContent = view.title;
      $('#game-summary').textContent = view.description;
      $('#game-role').textContent = view.team ? 'Team: ' + view.teamName : title(view.role);
      $('#game-turn').textContent = view.finished ? 'Game over after ' + view.turns + ' turns' : 'Turn ' + view.turn + ' of ' + view.turns + ' (' + view.years + ')';
      $('#game-phase').textContent = title(view.phase) + (view.paused ? ' (paused)' : '');
      $('#game-state').innerHTML = render(view.state, 'State');
      $('#game-signals').innerHTML = (view.signals || []).map(s => '<li>Turn ' + s.turn + ', ' + esc(s.teamName || s.team) + ': ' + esc(s.text) + '</li>').join('') || '<li class="muted">No signal yet.</li>';
      $('#signal-form').hidden = !view.canSignal;
      $('#moves-section').hidden = !view.canMove;
      $('#white-section').hidden = view.role !== 'WhiteCell';
      $('#game-history').innerHTML = render(view.history, 'Turns');
      const report = $('#game-report');
      report.hidden = !view.links || !view.links.report;
      if (!report.hidden) report.href = view.links.report;
      if (view.role === 'WhiteCell') $('#white-submissions').innerHTML = render(view.submissions, 'Moves received this turn');
      tick();
    }

    function tick() {
      const el = $('#game-clock');
      clearInterval(clock);
      if (!view.deadline || view.finished) { el.textContent = view.finished ? '' : 'No deadline'; return; }
      const update = () => {
        const left = Math.max(0, Math.round((Date.parse(view.deadline) - Date.now()) / 1000));
        const m = Math.floor(left / 60), s = left % 60;
        el.textContent = left === 0 ? 'Deadline passed' : 'Moves close in ' + m + ' min ' + String(s).padStart(2, '0') + ' s';
        el.dataset.seconds = String(left);
      };
      update(); clock = setInterval(update, 1000);
    }

    async function moveForm() {
      if (!view.canMove) return;
      menu = await api(base + '/menu');
      const form = $('#move-form');
      let h = '<p class="muted">Budget this turn: US$ ' + fmt(menu.budgetBn, 1) + ' bn. Leave a value blank to make no such move.</p><div class="moves">';
      menu.items.forEach(m => {
        const key = 'move-' + m.id;
        h += '<fieldset><legend>' + esc(m.label) + '</legend>';
        h += '<label for="' + key + '">Value (' + esc(m.unit) + ') <input type="number" id="' + key + '" name="' + esc(m.id) + '" min="' + m.min + '" max="' + m.max + '" step="any" aria-describedby="' + key + '-help"></label>';
        h += '<small id="' + key + '-help">' + fmt(m.min, 3) + ' to ' + fmt(m.max, 3) + ' ' + esc(m.unit) + (m.costBn ? '; costs US$ ' + fmt(m.costBn, 2) + ' bn' : '') + '</small>';
        if (m.targets.length) h += '<label for="' + key + '-target">Target <select id="' + key + '-target" name="' + esc(m.id) + '.target">' + m.targets.map(t => '<option>' + esc(t) + '</option>').join('') + '</select></label>';
        if (m.options.length) h += '<label for="' + key + '-option">Option <select id="' + key + '-option" name="' + esc(m.id) + '.option">' + m.options.map(t => '<option>' + esc(t) + '</option>').join('') + '</select></label>';
        h += '</fieldset>';
      });
      h += '</div><button type="submit" id="move-submit">Submit the moves</button>';
      form.innerHTML = h;
    }

    async function act(path, body, status) {
      try { await post(base + path, body || {}); await load(); return true; } catch (e) { say(status, problemText(e), true); return false; }
    }

    function live() {
      hub = window.BallastHub.connect('/hubs/games');
      const note = text => { $('#game-live').textContent = text; };
      const refresh = async text => { note(text); await load(); if (view && view.canMove && !menu) await moveForm(); };
      hub.on('moveSubmitted', n => refresh(n.teamName + ' submitted its moves for turn ' + n.turn + '.'));
      hub.on('signalPosted', n => refresh(n.teamName + ' posted a signal.'));
      hub.on('turnResolved', n => { menu = null; refresh('Turn ' + n.turn + ' adjudicated.').then(moveForm); });
      hub.on('paused', () => refresh('The White Cell paused the game.'));
      hub.on('resumed', () => refresh('The White Cell resumed the game.'));
      hub.on('injected', n => refresh('The White Cell injected an event for turn ' + n.turn + '.'));
      hub.on('revealed', n => refresh('The White Cell revealed the moves of turn ' + n.turn + '.'));
      hub.onclose = () => note('Live updates stopped; reload the page to resume them.');
      hub.invoke('Watch', id).then(() => { root.dataset.live = 'on'; }).catch(e => note(e.message));
    }

    $('#game-join-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      try { await join(id, $('#game-code').value); $('#game-code').value = ''; if (await load()) { await moveForm(); live(); } }
      catch (e) { say($('#game-join-status'), problemText(e), true); }
    });
    $('#signal-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      if (await act('/signals', { text: $('#signal-text').value }, $('#game-live'))) $('#signal-text').value = '';
    });
    $('#move-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const moves = [];
      menu.items.forEach(m => {
        const v = $('#move-' + m.id).value;
        if (v === '') return;
        const mv = { item: m.id, value: Number(v) };
        const t = $('#move-' + m.id + '-target'), o = $('#move-' + m.id + '-option');
        if (t) mv.target = t.value;
        if (o) mv.option = o.value;
        moves.push(mv);
      });
      const status = $('#move-status');
      if (await act('/moves', { moves }, status)) say(status, 'Moves submitted for turn ' + view.turn + ' (' + moves.length + ').');
    });
    $('#white-pause').addEventListener('click', () => act('/pause', {}, $('#white-status')));
    $('#white-resume').addEventListener('click', () => act('/resume', {}, $('#white-status')));
    $('#white-adjudicate').addEventListener('click', async () => {
      const b = $('#white-adjudicate'); b.disabled = true; say($('#white-status'), 'Adjudicating…');
      if (await act('/adjudicate', {}, $('#white-status'))) say($('#white-status'), 'Turn adjudicated.');
      b.disabled = false;
    });
    $('#white-reveal').addEventListener('click', async () => { if (await act('/reveal', {}, $('#white-status'))) say($('#white-status'), 'Moves revealed.'); });
    $('#inject-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = {}; $$('#inject-form [name]').forEach(el => { if (el.value !== '') body[el.name] = el.type === 'number' ? Number(el.value) : el.value; });
      if (await act('/injects', body, $('#white-status'))) say($('#white-status'), 'Inject posted.');
    });

    if (await load()) { await moveForm(); live(); }
  }

  const pages = { games: lobbyPage, 'game-new': newGamePage, game: gamePage };
  const page = pages[document.body.dataset.page];
  if (page) Promise.resolve(page()).catch(e => { const m = document.createElement('p'); m.setAttribute('role', 'alert'); m.className = 'messages error'; m.textContent = problemText(e); $('main').appendChild(m); });
})();
