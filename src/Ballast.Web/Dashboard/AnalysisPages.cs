using System.Net;
using System.Text;
using Ballast.Store;
using Ballast.Web.Api;
using Ballast.Web.Jobs;

namespace Ballast.Web.Dashboard;

/// <summary>
/// The optimiser and exploration pages (dashboard item (e)), rendered on the server: forms with labels that work
/// without script; tables with captions and header cells; CSV links to the API. Only starting an exploration needs
/// the page script (a JSON POST, so another site cannot start jobs through a form).
/// </summary>
internal static class AnalysisPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/optimise", (HttpRequest http, IOptions<BallastWebOptions> options) => Pages.Page("optimise", "Roles and missions optimiser", Optimise(http.Query, options.Value)))
            .RequireRateLimiting(ComputeThrottle.Policy).WithMetadata(new ComputeThrottle.ComputesWith("scenario")).ExcludeFromDescription();
        app.MapGet("/explore", (HttpRequest http, JobQueue queue, JobStore store, IOptions<BallastWebOptions> options) => Pages.Page("explore", "Exploration under deep uncertainty", Explore(http.Query, queue, store, options.Value))).ExcludeFromDescription();
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

    private static string Q(IQueryCollection q, string key) => q.TryGetValue(key, out var v) ? v.ToString().Trim() : string.Empty;

    private static string Options(IEnumerable<string> values, string selected) =>
        string.Concat(values.Select(v => $"<option value=\"{E(v)}\"{(v == selected ? " selected" : string.Empty)}>{E(v)}</option>"));

    private static string Error(BallastInputException e) =>
        $"<div class=\"messages error\" role=\"alert\"><p>{E(e.Field is null ? string.Empty : e.Field + ": ")}{E(e.Reason)}</p></div>";

    private static string Num(double v, string format = "N1") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Table(string caption, string[] columns, IEnumerable<string[]> rows, int leftColumns = 1)
    {
        var sb = new StringBuilder("<div class=\"table-wrap\"><table><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        for (int i = 0; i < columns.Length; i++)
        {
            sb.Append("<th scope=\"col\"").Append(i < leftColumns ? " class=\"l\"" : string.Empty).Append('>').Append(E(columns[i])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < r.Length; i++)
            {
                sb.Append(i == 0 ? "<th scope=\"row\" class=\"l\">" : i < leftColumns ? "<td class=\"l\">" : "<td>").Append(E(r[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</tbody></table></div>").ToString();
    }

    private static string Optimise(IQueryCollection q, BallastWebOptions o)
    {
        var scenario = Q(q, "scenario");
        var year = Q(q, "year");
        var share = Q(q, "budget_share_pct");
        var programmes = Q(q, "programmes") is "true" or "on";
        var sb = new StringBuilder();
        sb.Append("""
            <p class="lede">Who should invest in what, where: allies' and partners' investment allocated over mission areas and theatres to minimise gaps and duplication, federated (deciding together) and autonomous (each alone), and the federated dividend, the money saved for equal coverage. Method and assumptions: docs/optimiser.md.</p>
            <form class="controls" method="get" action="/optimise">
            """);
        sb.Append("<label>Scenario <select name=\"scenario\">").Append(Options(ScenarioCatalog.Names, scenario.Length == 0 ? "baseline" : scenario)).Append("</select></label>");
        sb.Append("<label>Year <input type=\"number\" name=\"year\" min=\"1950\" max=\"2100\" value=\"").Append(E(year)).Append("\" aria-describedby=\"year-help\"></label><span id=\"year-help\" class=\"muted\">blank: the scenario's horizon</span>");
        sb.Append("<label>Budget share (% of GDP) <input type=\"number\" name=\"budget_share_pct\" min=\"0.1\" max=\"100\" step=\"0.1\" inputmode=\"decimal\" value=\"").Append(E(share)).Append("\" aria-describedby=\"share-help\"></label><span id=\"share-help\" class=\"muted\">blank: each country's spending on its trend</span>");
        sb.Append("<label><input type=\"checkbox\" name=\"programmes\" value=\"true\"").Append(programmes ? " checked" : string.Empty).Append("> Offer co-development programmes (slower: a mixed-integer programme)</label>");
        sb.Append("<button type=\"submit\">Optimise</button></form>\n");
        if (scenario.Length == 0)
        {
            return sb.ToString();
        }

        OptimiserResponse r;
        try
        {
            int? y = year.Length == 0 ? null : int.TryParse(year, NumberStyles.Integer, CultureInfo.InvariantCulture, out var yy) ? yy : throw new BallastInputException("must be a whole number", field: "year", value: year);
            double? s = share.Length == 0 ? null : double.TryParse(share, NumberStyles.Float, CultureInfo.InvariantCulture, out var ss) ? ss : throw new BallastInputException("must be a number", field: "budget_share_pct", value: share);
            r = OptimiseEndpoints.Run(new OptimiserRequest(scenario, null, null, y, s, null, programmes), o);
        }
        catch (BallastInputException e)
        {
            return sb.Append(Error(e)).ToString();
        }

        var query = $"scenario={Uri.EscapeDataString(r.Scenario)}&year={r.Year}{(r.BudgetSharePct is double b ? "&budget_share_pct=" + b.ToString("R", CultureInfo.InvariantCulture) : string.Empty)}&programmes={(r.Programmes ? "true" : "false")}";
        string Csv(string t, string label) => $"<p><a class=\"csv\" href=\"/api/optimise/{t}.csv?{E(query)}\" download>Download {label} (CSV)</a></p>";
        var d = r.Dividend;
        var basis = r.BudgetSharePct is double bs ? $"budgets at {bs.ToString("G", CultureInfo.InvariantCulture)} % of GDP" : "budgets at trend spending";
        sb.Append("<section aria-labelledby=\"div-h\"><h2 id=\"div-h\">Federated dividend</h2>");
        sb.Append("<p class=\"dividend\" role=\"status\">US$ ").Append(Num(d.DividendUsdBn)).Append(" bn a year (").Append(Num(d.DividendPctOfSpending)).Append(" % of the coalition's US$ ").Append(Num(d.CoalitionSpendingUsdBn, "N0"))
            .Append(" bn defence spending) buys, federated, the coverage each country reaches alone. ").Append(E($"{r.Scenario}, {r.Year}, {basis}.")).Append("</p>");
        sb.Append(Table("Federated vs autonomous (US$ bn; gaps and duplication in bn units)", ["Measure", "Federated", "Autonomous", "Autonomous − federated"],
        [
            ["Total gap", Num(d.FederatedGapBnUnits, "N2"), Num(d.AutonomousGapBnUnits, "N2"), Num(d.AutonomousGapBnUnits - d.FederatedGapBnUnits, "N2")],
            ["Total duplication", Num(d.FederatedDuplicationBnUnits, "N2"), Num(d.AutonomousDuplicationBnUnits, "N2"), Num(d.AutonomousDuplicationBnUnits - d.FederatedDuplicationBnUnits, "N2")],
            ["Money committed", Num(d.FederatedSpendUsdBn, "N2"), Num(d.AutonomousSpendUsdBn, "N2"), Num(d.AutonomousSpendUsdBn - d.FederatedSpendUsdBn, "N2")],
            ["Money for the autonomous coverage", Num(d.CheapestCoverSpendUsdBn, "N2"), Num(d.AutonomousSpendUsdBn, "N2"), Num(d.DividendUsdBn, "N2")],
        ])).Append(Csv("dividend", "the dividend")).Append("</section>\n");

        sb.Append("<section aria-labelledby=\"alloc-h\"><h2 id=\"alloc-h\">Federated allocation: who does what, where</h2>");
        sb.Append(Table($"{r.Allocation.Count} roles (US$ bn)", ["Country", "Mission area", "Theatre", "Investment (US$ bn)", "Capability (bn units)", "Share of budget (%)"],
            r.Allocation.Select(a => new[] { a.Country, a.Mission, a.Theatre, Num(a.InvestmentUsdBn, "N2"), Num(a.CapabilityBnUnits, "N2"), Num(a.ShareOfBudgetPct) }), 3))
            .Append(Csv("allocation", "the allocation")).Append("</section>\n");

        // A gap below half a million (0.0005 bn units) is solver noise.
        var gaps = r.Coverage.Where(c => c.FederatedGapBnUnits >= 0.0005 || c.AutonomousGapBnUnits >= 0.0005).ToList();
        sb.Append("<section aria-labelledby=\"gap-h\"><h2 id=\"gap-h\">Gaps</h2>");
        sb.Append(gaps.Count == 0 ? "<p>No gaps, federated or autonomous.</p>" : Table("Mission areas and theatres with a gap (bn units)", ["Mission area", "Theatre", "Requirement", "Federated gap", "Autonomous gap", "Autonomous duplication"],
            gaps.Select(c => new[] { c.Mission, c.Theatre, Num(c.RequirementBnUnits, "N2"), Num(c.FederatedGapBnUnits, "N2"), Num(c.AutonomousGapBnUnits, "N2"), Num(c.AutonomousDuplicationBnUnits, "N2") }), 2));
        sb.Append(Csv("coverage", "coverage for every mission area and theatre")).Append("</section>\n");

        if (r.ProgrammeDecisions.Count > 0)
        {
            sb.Append("<section aria-labelledby=\"prog-h\"><h2 id=\"prog-h\">Co-development programmes</h2>")
                .Append(Table("Programmes and the decision", ["Programme", "Mission area", "Members", "Fixed cost (US$ bn/yr)", "Multiplier", "Decision"],
                    r.ProgrammeDecisions.Select(p => new[] { p.Programme, p.Mission, string.Join(", ", p.Members), Num(p.FixedCostUsdBn, "N2"), Num(p.Multiplier, "N2"), p.Decision }), 3))
                .Append(Csv("programmes", "the programmes")).Append("</section>\n");
        }

        sb.Append("<section aria-labelledby=\"notes-h\"><h2 id=\"notes-h\">Notes and sources</h2><ul>");
        foreach (var n in r.Notes.Concat(r.Sources))
        {
            sb.Append("<li>").Append(E(n)).Append("</li>");
        }

        return sb.Append("</ul>").Append(Csv("countries", "countries' budgets and commitments")).Append("</section>").ToString();
    }

    private static string Explore(IQueryCollection q, JobQueue queue, JobStore store, BallastWebOptions o)
    {
        var sb = new StringBuilder();
        sb.Append("<p class=\"lede\">Which uncertain parameters drive an outcome (Sobol or Morris sensitivity), and under which conditions a scenario goes wrong (PRIM scenario discovery). Start a small exploration, then read its indices and box. Method: docs/exploration.md.</p>");
        sb.Append("<form id=\"explore-form\" class=\"controls\" onsubmit=\"return false\">");
        sb.Append("<label>Scenario <select id=\"explore-scenario\" name=\"scenario\">").Append(Options(ScenarioCatalog.Names, "baseline")).Append("</select></label>");
        sb.Append("<label>Design <select id=\"explore-design\" name=\"design\"><option value=\"sobol\">Sobol (Saltelli): N(D+2) runs</option><option value=\"morris\">Morris: r(D+1) runs</option></select></label>");
        sb.Append($"<label>Samples <input type=\"number\" id=\"explore-samples\" name=\"samples\" min=\"1\" max=\"{o.MaxExploreSamples}\" value=\"{Math.Min(8, o.MaxExploreSamples)}\" aria-describedby=\"samples-help\"></label>");
        sb.Append($"<span id=\"samples-help\" class=\"muted\">base samples (Sobol) or trajectories (Morris); at most {o.MaxExploreSamples} here</span>");
        sb.Append("<label>Seed <input type=\"number\" id=\"explore-seed\" name=\"seed\" min=\"0\" aria-describedby=\"explore-seed-help\"></label><span id=\"explore-seed-help\" class=\"muted\">blank: the scenario's seed</span>");
        sb.Append("<button type=\"submit\" id=\"explore-run\">Start the exploration</button></form>");
        sb.Append("<p id=\"explore-status\" role=\"status\" aria-live=\"polite\"></p>\n");

        var id = Q(q, "job");
        if (id.Length == 0)
        {
            return sb.ToString();
        }

        var job = JobStore.IsValidId(id) ? queue.Get(id) : null;
        if (job is null || job.Kind != JobKind.Explore)
        {
            return sb.Append("<div class=\"messages error\" role=\"alert\"><p>job: there is no exploration ").Append(E(id)).Append(".</p></div>").ToString();
        }

        sb.Append("<section aria-labelledby=\"job-h\"><h2 id=\"job-h\">Exploration of ").Append(E(job.Name)).Append("</h2>");
        if (!job.IsFinal)
        {
            return sb.Append("<div class=\"progress\"><progress id=\"explore-progress\" max=\"1\" value=\"").Append(job.Progress.ToString("R", CultureInfo.InvariantCulture))
                .Append("\" aria-label=\"Exploration progress\"></progress> <span id=\"explore-pending\" data-job=\"").Append(E(job.Id)).Append("\" role=\"status\" aria-live=\"polite\">")
                .Append(E($"{job.Status}: {job.Done} of {job.Total} runs")).Append("</span> <a href=\"/explore?job=").Append(E(job.Id)).Append("\">Refresh</a></div></section>").ToString();
        }

        if (job.Status != JobStatus.Succeeded)
        {
            return sb.Append("<div class=\"messages error\" role=\"alert\"><p>").Append(E($"{job.Status}: {job.Error}")).Append("</p></div></section>").ToString();
        }

        var spec = job.Spec.Explore!;
        sb.Append("<p>").Append(E($"{spec.Design} design, {spec.Samples} samples, seed {job.Spec.Seed}: {job.Total} runs.")).Append("</p>");
        using var results = ResultStore.Open(Path.Combine(store.ResultsFolder(job.Id), ExploreJob.StoreFile));
        var outcomes = results.Outcomes.Select(x => x.Name).ToList();
        var outcome = Q(q, "outcome") is { Length: > 0 } oc ? oc : "balance_ratio";
        var fill = Q(q, "fill_missing");
        var where = Q(q, "where") is { Length: > 0 } w ? w : "balance_ratio < 1";
        sb.Append("<form class=\"controls\" method=\"get\" action=\"/explore\"><input type=\"hidden\" name=\"job\" value=\"").Append(E(job.Id)).Append("\">");
        sb.Append("<label>Outcome <select name=\"outcome\">").Append(Options(outcomes, outcome)).Append("</select></label>");
        sb.Append("<label>Fill missing values with <input type=\"number\" name=\"fill_missing\" step=\"any\" value=\"").Append(E(fill)).Append("\" aria-describedby=\"fill-help\"></label><span id=\"fill-help\" class=\"muted\">e.g. 2036 for crossover_year when the balance never tips</span>");
        sb.Append("<label>Condition for discovery <input type=\"text\" name=\"where\" size=\"32\" value=\"").Append(E(where)).Append("\" aria-describedby=\"where-help\"></label><span id=\"where-help\" class=\"muted\">outcomes, numbers, &lt; &lt;= &gt; &gt;= == !=, and, or, not</span>");
        sb.Append("<button type=\"submit\">Analyse</button></form>");

        try
        {
            double? f = fill.Length == 0 ? null : double.TryParse(fill, NumberStyles.Float, CultureInfo.InvariantCulture, out var ff) ? ff : throw new BallastInputException("must be a number", field: "fill_missing", value: fill);
            var s = ExploreEndpoints.Sensitivity(job.Id, results, outcome, null, null, f, 1000, 0.95, false);
            var csv = $"/api/jobs/{job.Id}/sensitivity?outcome={Uri.EscapeDataString(outcome)}{(f is double fv ? "&fill_missing=" + fv.ToString("R", CultureInfo.InvariantCulture) : string.Empty)}&format=csv";
            sb.Append("<h3>Sensitivity of ").Append(E(outcome)).Append("</h3>");
            sb.Append(s.Method == "sobol"
                ? Table($"Sobol indices (N = {s.BaseSamples}, 95 % bootstrap intervals), most influential first", ["Parameter", "First order S1", "± 95 %", "Total order ST", "± 95 %"],
                    s.Indices.Select(x => new[] { x.Parameter, Num(x.S1!.Value, "N3"), Num(x.S1HalfWidth!.Value, "N3"), Num(x.ST!.Value, "N3"), Num(x.STHalfWidth!.Value, "N3") }))
                : Table("Morris screening, most influential first", ["Parameter", "μ*", "± 95 %", "μ", "σ"],
                    s.Indices.Select(x => new[] { x.Parameter, Num(x.MuStar!.Value, "G4"), Num(x.MuStarHalfWidth!.Value, "G3"), Num(x.Mu!.Value, "G4"), Num(x.Sigma!.Value, "G4") })));
            sb.Append("<ul class=\"muted\">").Append(string.Concat(s.Notes.Select(n => "<li>" + E(n) + "</li>"))).Append("</ul>");
            sb.Append("<p><a class=\"csv\" href=\"").Append(E(csv)).Append("\" download>Download the indices (CSV)</a></p>");
        }
        catch (BallastInputException e)
        {
            sb.Append(Error(e));
        }

        try
        {
            var d = ExploreEndpoints.Discover(job.Id, results, where, null, null, null, null);
            sb.Append("<h3>Scenario discovery: ").Append(E(d.Where)).Append("</h3>");
            sb.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture, $"{d.Cases} of {d.Points} runs meet the condition. Box {d.Chosen}: coverage {d.Coverage:P1}, density {d.Density:P1}, mass {d.Mass:P1}."))).Append("</p>");
            sb.Append(d.Box.Count == 0 ? "<p>The chosen box restricts no parameter: no range of the inputs concentrates the condition.</p>"
                : Table("PRIM box: the ranges of the uncertain parameters under which the condition holds", ["Parameter", "Lower", "Upper", "Data min", "Data max", "Quasi-p (lower)", "Quasi-p (upper)"],
                    d.Box.Select(x => new[] { x.Parameter, Num(x.Lower, "G4"), Num(x.Upper, "G4"), Num(x.DataMin, "G4"), Num(x.DataMax, "G4"), Num(x.QpLower, "G2"), Num(x.QpUpper, "G2") })));
            sb.Append("<ul class=\"muted\">").Append(string.Concat(d.Notes.Select(n => "<li>" + E(n) + "</li>"))).Append("</ul>");
            sb.Append("<p><a class=\"csv\" href=\"").Append(E($"/api/jobs/{job.Id}/discover?where={Uri.EscapeDataString(where)}&format=csv")).Append("\" download>Download the box (CSV)</a></p>");
        }
        catch (BallastInputException e)
        {
            sb.Append(Error(e));
        }

        return sb.Append("</section>").ToString();
    }
}
