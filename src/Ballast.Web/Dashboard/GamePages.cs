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
        <p class="lede">Pick a game definition from the examples or upload one (YAML, checked like a scenario: an error names its line and field; its scenario must be one of the example scenarios), and the teams people play. Creating the game gives one code per team, one for the White Cell and one for spectators: they are shown once, here, and the server keeps only their hashes. Hand each to its players.</p>
        <form id="new-game-form" class="controls">
          <label>Example game <select id="new-definition" name="definition"></select></label>
          <label>Or upload YAML <input type="file" id="new-upload" accept=".yaml,.yml,text/yaml"></label>
          <label>Seed <input type="number" id="new-seed" name="seed" min="0" aria-describedby="new-seed-help"></label><span id="new-seed-help" class="muted">blank: the game's scenario's seed</span>
          <fieldset id="new-humans"><legend>Teams played by people (the model plays the others)</legend></fieldset>
          <button type="submit" id="new-create">Create the game</button>
        </form>
        <p id="new-status" role="status" class="muted"></p>
        <section id="new-codes" hidden aria-labelledby="codes-h"><h2 id="codes-h">Codes for this game</h2>
          <p class="muted">Copy them now: they are not shown again.</p>
          <div id="new-code-table" class="table-wrap"></div>
          <p><a id="new-open" href="#">Open the game</a></p>
        </section>
        """;

    private static string Game(string id) => $$"""
        <div id="game" data-game="{{E(id)}}">
          <p class="lede" id="game-summary"></p>
          <section id="game-join" hidden aria-labelledby="gjoin-h"><h2 id="gjoin-h">Join this game</h2>
            <form id="game-join-form" class="controls">
              <label>Code <input type="password" id="game-code" name="code" autocomplete="off" required aria-describedby="game-code-help"></label>
              <span id="game-code-help" class="muted">your team's, the White Cell's or the spectators' code</span>
              <button type="submit" id="game-join-button">Join</button>
            </form>
            <p id="game-join-status" role="status" class="muted"></p>
          </section>
          <div id="game-play" hidden>
            <p class="status-line"><strong id="game-role"></strong> · <span id="game-turn"></span> · <span id="game-phase"></span> · <span id="game-clock" role="timer" aria-live="off"></span></p>
            <p id="game-live" role="status" aria-live="polite" class="muted"></p>
            <section aria-labelledby="teams-h"><h2 id="teams-h">At the table</h2><div id="game-teams" class="table-wrap"></div></section>
            <section id="moves-section" hidden aria-labelledby="moves-h"><h2 id="moves-h">Your moves</h2>
              <p class="muted">Secret: only your team and the White Cell see them until the game's rule reveals them.</p>
              <form id="move-form"></form>
              <p id="move-status" role="status" aria-live="polite"></p>
            </section>
            <section id="white-section" hidden aria-labelledby="white-h"><h2 id="white-h">White Cell console</h2>
              <div class="controls">
                <button type="button" id="white-pause">Pause</button>
                <button type="button" id="white-resume">Resume</button>
                <button type="button" id="white-adjudicate">Adjudicate the turn</button>
                <label>Turn <select id="reveal-turn"></select></label><button type="button" id="white-reveal">Reveal its moves</button>
                <label>Branch at turn <select id="branch-turn"></select></label><button type="button" id="white-branch">Branch</button>
              </div>
              <form id="inject-form" class="controls">
                <label>Inject <select id="inject-kind"><option value="Crisis">crisis</option><option value="Shock">economic shock</option><option value="GovernmentChange">change of government</option></select></label>
                <label>Value <input type="number" id="inject-value" step="any" required aria-describedby="inject-help"></label>
                <label>Country <input type="text" id="inject-target" size="5" maxlength="3"></label>
                <label>Kind or region <input type="text" id="inject-option" size="16"></label>
                <label>Spending change (%) <input type="number" id="inject-spending" step="any"></label>
                <label>Announcement <input type="text" id="inject-text" size="40" maxlength="500"></label>
                <button type="submit" id="inject-send">Make the inject</button>
                <span id="inject-help" class="muted">crisis: intensity 0–1 and a kind (taiwan-strait, korean-peninsula, south-china-sea, gray-zone); shock: GDP change % for a country or a region; change of government: tie change with the US (−1 to 1) in a country</span>
              </form>
              <p id="white-status" role="status" aria-live="polite"></p>
              <div id="branch-codes" class="table-wrap"></div>
              <p><a id="game-report" href="#" target="_blank" rel="noopener" hidden>Open the after-action report</a></p>
            </section>
            <section aria-labelledby="signals-h"><h2 id="signals-h">Public signals</h2><ul id="game-signals"></ul>
              <form id="signal-form" class="controls" hidden>
                <label>Signal <input type="text" id="signal-text" name="text" maxlength="2000" required size="60"></label>
                <button type="submit" id="signal-send">Post the signal</button>
              </form>
              <p id="signal-status" role="status" class="muted"></p>
            </section>
            <section aria-labelledby="injects-h"><h2 id="injects-h">Injects</h2><ul id="game-injects"></ul></section>
            <section aria-labelledby="seen-h"><h2 id="seen-h">Moves</h2><div id="game-moves" class="table-wrap"></div></section>
            <section aria-labelledby="outcomes-h"><h2 id="outcomes-h">Turns adjudicated</h2><div id="game-outcomes" class="table-wrap"></div></section>
          </div>
        </div>
        """;
}
