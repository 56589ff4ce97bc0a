using System.Net;
using System.Reflection;
using System.Text;
using Ballast.Data.Panel;
using Ballast.Runs.Countries;
using Ballast.Web.Api;

namespace Ballast.Web.Dashboard;

/// <summary>
/// The dashboard: server-rendered pages (one shell, one page body each) and a small vanilla script that calls the API.
/// Every asset is embedded in this assembly and served from <c>/assets/</c>: no CDN, nothing fetched at run time.
/// </summary>
internal static class Pages
{
    private const string AssetPrefix = "Ballast.Web.Assets.";

    private static readonly (string Path, string Title)[] Nav =
    [
        ("/burden", "Burden explorer"), ("/network", "Alliance network"), ("/workbench", "Scenario workbench"), ("/compare", "Compare scenarios"), ("/optimise", "Optimiser"), ("/explore", "Exploration"), ("/jobs", "Jobs"), ("/games", "Wargames"), ("/api-docs", "API reference"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/burden")).ExcludeFromDescription();
        app.MapGet("/burden", () => Page("burden", "Burden explorer", BurdenBody())).ExcludeFromDescription();
        app.MapGet("/network", () => Page("network", "Alliance network", NetworkBody())).ExcludeFromDescription();
        app.MapGet("/workbench", () => Page("workbench", "Scenario workbench", WorkbenchBody())).ExcludeFromDescription();
        app.MapGet("/compare", () => Page("compare", "Compare scenarios", CompareBody())).ExcludeFromDescription();
        app.MapGet("/jobs", () => Page("jobs", "Jobs", JobsBody())).ExcludeFromDescription();
        app.MapGet("/api-docs", () => Page("apidocs", "API reference", ApiDocsBody())).ExcludeFromDescription();
        AnalysisPages.Map(app);
        GamePages.Map(app);
        app.MapGet("/assets/{name}", (string name) => Asset(name)).ExcludeFromDescription();
    }

    private static IResult Asset(string name)
    {
        var asm = Assembly.GetExecutingAssembly();
        using var stream = asm.GetManifestResourceStream(AssetPrefix + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.File(ms.ToArray(), type);
    }

    internal static IResult Page(string id, string title, string body, IReadOnlyList<string>? scripts = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(E(title)).Append(" · Ballast</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>\n");
        sb.Append("<body data-page=\"").Append(id).Append("\"><a class=\"skip\" href=\"#main\">Skip to content</a>\n");
        sb.Append("<header class=\"top\"><div class=\"brand\">Ballast</div><nav aria-label=\"Dashboard pages\"><ul>");
        foreach (var (path, t) in Nav)
        {
            var current = path == "/" + id || (id == "apidocs" && path == "/api-docs") || (id.StartsWith("game", StringComparison.Ordinal) && path == "/games");
            sb.Append("<li><a href=\"").Append(path).Append('"').Append(current ? " aria-current=\"page\"" : string.Empty).Append('>').Append(E(t)).Append("</a></li>");
        }

        sb.Append("</ul></nav></header>\n<main id=\"main\" tabindex=\"-1\"><h1>").Append(E(title)).Append("</h1>\n").Append(body).Append("</main>\n");
        sb.Append("<footer><p>Data: ").Append(E(PanelBuilder.Citation)).Append(" Alliances: ").Append(E(DataQueries.AllianceCitation))
            .Append(" Map boundaries: Natural Earth (public domain) via world-atlas.</p></footer>\n");
        foreach (var script in scripts ?? ["/assets/app.js"])
        {
            sb.Append("<script src=\"").Append(script).Append("\"></script>");
        }

        sb.Append("</body></html>");
        return Results.Content(sb.ToString(), "text/html; charset=utf-8");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string GroupOptions()
    {
        var sb = new StringBuilder("<option value=\"\">Indo-Pacific default set</option>");
        foreach (var g in CountrySelection.Choices)
        {
            sb.Append("<option value=\"").Append(E(g.Name)).Append("\" title=\"").Append(E(g.Description)).Append("\">").Append(E(g.Name)).Append("</option>");
        }

        return sb.ToString();
    }

    private static string BurdenBody()
    {
        var last = DataQueries.LastShareYear;
        return $$"""
            <p class="lede">Every country's military spending as a share of GDP over time, against the targets you pick; the gap table and the exploitation test for the chosen year and group.</p>
            <form id="burden-controls" class="controls" onsubmit="return false">
              <label>Countries <select id="group" name="group">{{GroupOptions()}}</select></label>
              <fieldset><legend>Targets (% of GDP)</legend>
                <label><input type="checkbox" name="target" value="2" checked> 2</label>
                <label><input type="checkbox" name="target" value="3.5" checked> 3.5</label>
                <label><input type="checkbox" name="target" value="5"> 5</label>
                <label>Other <input type="number" id="target-other" min="0.1" max="100" step="0.1" inputmode="decimal" aria-describedby="target-help"></label>
                <span id="target-help" class="muted">any share, e.g. 2.5</span>
              </fieldset>
              <label>Year <input type="range" id="year" min="1990" max="{{last}}" value="{{last}}" aria-valuetext="{{last}}"> <output id="year-out" for="year">{{last}}</output></label>
            </form>
            <section aria-labelledby="shares-h"><h2 id="shares-h">Share of GDP over time</h2>
              <figure class="chart" id="shares-figure" aria-busy="true"><div class="svg"></div><figcaption></figcaption>
              <p><a class="csv" id="shares-csv" href="#" download>Download the data (CSV)</a></p></figure>
            </section>
            <section aria-labelledby="gap-h"><h2 id="gap-h">Gap table</h2><div id="gap-table" aria-live="polite"></div>
              <p><button type="button" id="gap-csv">Download the gap table (CSV)</button></p></section>
            <section aria-labelledby="expl-h"><h2 id="expl-h">Exploitation test</h2>
              <p class="muted">Olson and Zeckhauser: do larger economies carry a larger share of the burden? Rank correlations of GDP and share for the chosen group and year.</p>
              <div id="exploitation" aria-live="polite"></div>
              <p><button type="button" id="expl-csv">Download the ranking (CSV)</button></p></section>
            """;
    }

    private static string NetworkBody() => $$"""
        <p class="lede">The alliance network across years: from hub-and-spokes (every tie runs through the US) to a networked architecture (allies tied to each other).</p>
        <form id="network-controls" class="controls" onsubmit="return false">
          <label>Countries <select id="group" name="group">{{GroupOptions()}}</select></label>
          <label>Year 1 <input type="number" id="y1" min="1816" max="2100" value="1990"></label>
          <label>Year 2 <input type="number" id="y2" min="1816" max="2100" value="2005"></label>
          <label>Year 3 <input type="number" id="y3" min="1816" max="2100" value="2024"></label>
          <button type="button" id="network-draw">Draw</button>
        </form>
        <figure class="chart" id="network-figure" aria-busy="true"><div class="svg"></div><figcaption></figcaption>
          <p><a class="csv" id="network-csv" href="#" download>Download the edges (CSV)</a></p></figure>
        <section aria-labelledby="metrics-h"><h2 id="metrics-h">Metrics</h2><div id="network-metrics" aria-live="polite"></div>
          <p><button type="button" id="metrics-csv">Download the metrics (CSV)</button></p></section>
        """;

    private static string WorkbenchBody() => """
        <p class="lede">Pick an example scenario or upload your own YAML, edit the levers in the form or the YAML itself, run an ensemble and read the report's charts, map and network.</p>
        <div class="workbench">
          <section aria-labelledby="pick-h" class="panel"><h2 id="pick-h">1. Scenario</h2>
            <label>Example <select id="example"></select></label>
            <label>Or upload YAML <input type="file" id="upload" accept=".yaml,.yml,text/yaml"></label>
            <p id="question" class="question"></p>
          </section>
          <section aria-labelledby="levers-h" class="panel"><h2 id="levers-h">2. Levers</h2>
            <form id="levers" onsubmit="return false"></form>
            <button type="button" id="apply-levers">Apply levers to the YAML</button>
            <p id="levers-status" role="status" class="muted"></p>
          </section>
        </div>
        <section aria-labelledby="yaml-h"><h2 id="yaml-h">3. YAML</h2>
          <div class="editor"><pre id="gutter" aria-hidden="true"></pre><textarea id="yaml" spellcheck="false" rows="24" aria-label="Scenario YAML" aria-describedby="yaml-messages"></textarea></div>
          <ul id="yaml-messages" class="messages" aria-live="polite"></ul>
        </section>
        <section aria-labelledby="run-h"><h2 id="run-h">4. Run the ensemble</h2>
          <form class="controls" onsubmit="return false">
            <label>Runs <input type="number" id="runs" min="1" value="200"></label>
            <label>Seed <input type="number" id="seed" min="0" aria-describedby="seed-help"></label><span id="seed-help" class="muted">blank: the scenario's seed</span>
            <button type="button" id="run">Run</button> <button type="button" id="cancel" disabled>Cancel</button>
          </form>
          <div class="progress"><progress id="progress" max="1" value="0" aria-label="Ensemble progress"></progress> <span id="run-status" role="status" aria-live="polite"></span></div>
        </section>
        <section aria-labelledby="results-h" id="results" hidden><h2 id="results-h">5. Results</h2>
          <p><a id="report-link" href="#" target="_blank" rel="noopener">Open the full report</a></p>
          <div id="kpis"></div>
          <div id="figures"></div>
        </section>
        """;

    private static string CompareBody() => """
        <p class="lede">Run two or more scenarios with common random numbers (the same seed, so the same draws) and read their KPIs and charts side by side, with each KPI's difference taken run by run.</p>
        <form id="compare-form" class="controls" onsubmit="return false">
          <fieldset id="compare-pick"><legend>Scenarios</legend></fieldset>
          <label>Runs per scenario <input type="number" id="runs" min="1" value="200"></label>
          <label>Seed <input type="number" id="seed" min="0" aria-describedby="seed-help"></label><span id="seed-help" class="muted">blank: the first scenario's seed</span>
          <button type="button" id="compare-run">Compare</button>
        </form>
        <div class="progress"><progress id="progress" max="1" value="0" aria-label="Comparison progress"></progress> <span id="run-status" role="status" aria-live="polite"></span></div>
        <section id="compare-results" hidden aria-labelledby="cmp-h"><h2 id="cmp-h">Side by side</h2>
          <p><a id="report-link" href="#" target="_blank" rel="noopener">Open the comparison report</a></p>
          <div id="compare-paired"></div><p><button type="button" id="compare-paired-csv">Download the paired differences (CSV)</button></p>
          <div id="compare-kpis"></div><p><button type="button" id="compare-csv">Download the KPI table (CSV)</button></p>
          <div id="compare-figures" class="side-by-side"></div>
        </section>
        """;

    private static string JobsBody() => """
        <p class="lede">Jobs on this server, newest first. Finished results stay in the store across restarts.</p>
        <div id="job-list" aria-live="polite"></div>
        """;

    private static string ApiDocsBody() => """
        <p class="lede">Every endpoint of the HTTP API, read from the OpenAPI document at <a href="/openapi/v1.json">/openapi/v1.json</a>. Errors are RFC 7807 problem documents naming the field. Try any GET endpoint from here.</p>
        <div id="api-reference" aria-live="polite"></div>
        """;
}
