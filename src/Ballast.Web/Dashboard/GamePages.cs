using System.Net;

namespace Ballast.Web.Dashboard;

/// <summary>
/// The wargame pages: the lobby, game creation by a facilitator, and one game's page, which shows a team its state, its
/// move form (generated from its menu), the turn clock and live updates; the White Cell its console; a spectator the
/// public record. The shells are static; the page script (<c>games.js</c>, over <c>/api/games</c> and the hub) fills
/// them for the role the game code gives. Every control has a label; status lines are live regions.
/// </summary>
internal static class GamePages
{
    /// <summary>Scripts of the game pages: the dashboard's (its shared helpers), the hub client, then the page script.</summary>
    private static readonly string[] Scripts = ["/assets/app.js", "/assets/hub.js", "/assets/games.js"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/games", () => Pages.Page("games", "Wargames", Lobby(), Scripts)).ExcludeFromDescription();
        app.MapGet("/games/new", () => Pages.Page("game-new", "New wargame", NewGame(), Scripts)).ExcludeFromDescription();
        app.MapGet("/games/{id}", (string id) => Pages.Page("game", "Wargame", Game(id), Scripts)).ExcludeFromDescription();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Lobby() => """
        <p class="lede">Seminar wargames on the alliance system: teams move turn by turn, the Ballast engine adjudicates each turn along one realised draw and shows every team the band of what could have happened. A facilitator creates a game and hands each team its code.</p>
        <p><a href="/games/new">Create a game (facilitator)</a></p>
        <section aria-labelledby="lobby-h"><h2 id="lobby-h">Games on this server</h2><div id="game-list" aria-live="polite"></div></section>
        <section aria-labelledby="join-h"><h2 id="join-h">Join a game</h2>
          <form id="join-form" class="controls">
            <label>Game <select id="join-game" name="game" required></select></label>
            <label>Code <input type="password" id="join-code" name="code" autocomplete="off" required aria-describedby="join-help"></label>
            <span id="join-help" class="muted">the code your facilitator gave your team, the White Cell or the spectators</span>
            <button type="submit" id="join">Join</button>
          </form>
          <p id="join-status" role="status" class="muted"></p>
        </section>
        """;

    private static string NewGame() => """
        <p class="lede">Pick a game definition from the examples or upload one (YAML, checked like a scenario). Creating the game gives one code per team, one for the White Cell and one for spectators: they are shown once, here; hand each to its players. The server keeps only their digests.</p>
        <form id="new-game-form" class="controls">
          <label>Example game <select id="new-definition" name="definition"></select></label>
          <label>Or upload YAML <input type="file" id="new-upload" accept=".yaml,.yml,text/yaml"></label>
          <label>Seed <input type="number" id="new-seed" name="seed" min="0" aria-describedby="new-seed-help"></label><span id="new-seed-help" class="muted">blank: the game's seed</span>
          <button type="submit" id="new-create">Create the game</button>
        </form>
        <p id="new-status" role="status" class="muted"></p>
        <section id="new-codes" hidden aria-labelledby="codes-h"><h2 id="codes-h">Codes for this game</h2>
          <p class="muted">Copy them now: they are not shown again.</p>
          <div id="new-code-table"></div>
          <p><a id="new-open" href="#">Open the game</a></p>
        </section>
        """;

    private static string Game(string id) => $$"""
        <div id="game" data-game="{{E(id)}}">
          <p class="lede" id="game-summary" aria-live="polite"></p>
          <section id="game-join" hidden aria-labelledby="gjoin-h"><h2 id="gjoin-h">Join this game</h2>
            <form id="game-join-form" class="controls">
              <label>Code <input type="password" id="game-code" name="code" autocomplete="off" required></label>
              <button type="submit" id="game-join-button">Join</button>
            </form>
            <p id="game-join-status" role="status" class="muted"></p>
          </section>
          <div id="game-play" hidden>
            <p><span id="game-role"></span> · <span id="game-turn"></span> · <span id="game-phase"></span> · <span id="game-clock" role="timer" aria-live="off"></span></p>
            <p id="game-live" role="status" aria-live="polite" class="muted"></p>
            <section aria-labelledby="state-h"><h2 id="state-h">State of the world</h2><div id="game-state"></div></section>
            <section aria-labelledby="signals-h"><h2 id="signals-h">Public signals</h2><ul id="game-signals"></ul>
              <form id="signal-form" class="controls" hidden>
                <label>Signal <input type="text" id="signal-text" name="text" maxlength="500" required size="60"></label>
                <button type="submit" id="signal-send">Post the signal</button>
              </form>
            </section>
            <section id="moves-section" hidden aria-labelledby="moves-h"><h2 id="moves-h">Your moves this turn</h2>
              <p class="muted">Secret until adjudication: only your team and the White Cell see them.</p>
              <form id="move-form"></form>
              <p id="move-status" role="status" aria-live="polite"></p>
            </section>
            <section id="white-section" hidden aria-labelledby="white-h"><h2 id="white-h">White Cell console</h2>
              <div id="white-submissions"></div>
              <form id="inject-form" class="controls"></form>
              <div class="controls">
                <button type="button" id="white-pause">Pause</button>
                <button type="button" id="white-resume">Resume</button>
                <button type="button" id="white-adjudicate">Adjudicate the turn</button>
                <button type="button" id="white-reveal">Reveal the moves</button>
              </div>
              <p id="white-status" role="status" aria-live="polite"></p>
            </section>
            <section aria-labelledby="history-h"><h2 id="history-h">Turns played</h2><div id="game-history"></div>
              <p><a id="game-report" href="#" target="_blank" rel="noopener" hidden>Open the after-action report</a></p></section>
          </div>
        </div>
        """;
}
