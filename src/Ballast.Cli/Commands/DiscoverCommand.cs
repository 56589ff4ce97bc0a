using Ballast.Exploration.Discovery;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast discover STORE --where EXPR</c>: PRIM scenario discovery of the conditions under which the outcome condition holds.</summary>
public static class DiscoverCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = CommonOptions.Store("Results store written by 'ballast explore'.");
        var where = new Option<string>("--where", "-w") { Description = "Condition on outcomes, e.g. \"crossover_year <= 2035\" (and, or, not, parentheses).", Required = true };
        var box = new Option<int?>("--box") { Description = "Inspect this box of the peeling trajectory instead of the chosen one." };
        var alpha = new Option<double>("--alpha") { Description = "Peeling and pasting share α.", DefaultValueFactory = _ => 0.05 };
        var threshold = new Option<double>("--threshold") { Description = "Density the chosen box should reach.", DefaultValueFactory = _ => 0.8 };
        var mass = new Option<double>("--mass-min") { Description = "Smallest box mass (share of runs).", DefaultValueFactory = _ => 0.05 };
        var output = new OutputOptions("box", "trajectory");
        var report = new ReportOutOption(AnalysisReportWriter.Discovery);
        return BallastCli.Command(ctx, "discover", "Scenario discovery with PRIM: which ranges of the uncertain parameters lead to the condition (peeling trajectory, chosen box, quasi-p-values).",
            ["ballast discover results.duckdb --where \"crossover_year <= 2035\"", "ballast discover results.duckdb --where \"balance_ratio < 1\" --box 4", "ballast discover results.duckdb --where \"balance_ratio < 1\" --table trajectory --format csv"],
            [store, where, box, alpha, threshold, mass, .. output.Symbols, report.Option], p =>
        {
            report.Check(p);
            using var results = ResultStore.Open(p.GetValue(store)!);
            var outcomes = results.Outcomes.Select(o => o.Name).ToList();
            var condition = Condition.Parse(p.GetValue(where)!, outcomes);
            var names = results.Parameters;
            var (x, y) = StoreAnalysis.Discovery(results, condition);
            var result = Prim.Find(x, names, y, new PrimOptions(p.GetValue(alpha), p.GetValue(alpha), p.GetValue(mass), p.GetValue(threshold)));
            int chosen = p.GetValue(box) ?? result.Chosen;
            if (chosen < 0 || chosen >= result.Trajectory.Count)
            {
                throw new BallastInputException($"box {chosen} is not on the trajectory (0 to {result.Trajectory.Count - 1})", field: "--box", value: chosen.ToString(CultureInfo.InvariantCulture));
            }

            var trajectory = new ResultTable($"PRIM peeling trajectory for \"{condition.Text}\" ({result.Cases} of {result.Points} runs)", [
                new("box", "Box"),
                new("coverage", "Coverage", "P1"),
                new("density", "Density", "P1"),
                new("mass", "Mass", "P1"),
                new("restricted", "Restricted dims"),
                new("step", "Step", RightAlign: false, Use: ColumnUse.Display),
                new("step", "Step: start (all runs), peel or paste", Use: ColumnUse.Data),
                new("chosen", "The box shown in the box table", Use: ColumnUse.Data),
            ], "trajectory");
            foreach (var b in result.Trajectory)
            {
                var step = b.Index == 0 ? "start" : b.Pasted ? "paste" : "peel";
                trajectory.Add(b.Index, b.Coverage, b.Density, b.Mass, b.Restricted, (b.Index == chosen ? "▶ " : string.Empty) + (b.Index == 0 ? "all runs" : step), step, b.Index == chosen);
            }

            var chosenBox = result.Trajectory[chosen];
            var boxTable = BoxTable(string.Create(CultureInfo.InvariantCulture,
                $"Box {chosen}: coverage {chosenBox.Coverage:P1}, density {chosenBox.Density:P1}, mass {chosenBox.Mass:P1} ({chosenBox.Count} runs)"), x, names, y, chosenBox, "box");
            boxTable.Notes.Add("Quasi-p-value: one-sided binomial test of the box's density against the box without that restriction (EMA Workbench); below 0.05 the restriction matters.");
            boxTable.Notes.Add("PRIM: Friedman and Fisher (1999), peeling α = " + p.GetValue(alpha).ToString(CultureInfo.InvariantCulture) + ", with pasting.");
            report.Write(p, ctx, () =>
            {
                string meta = $"Condition \"{condition.Text}\": {result.Cases} of {result.Points} runs from {Path.GetFileName(results.Path)}; {names.Count} uncertain parameters; peeling α = {p.GetValue(alpha).ToString(CultureInfo.InvariantCulture)}.";
                return AnalysisReports.Discovery(meta, trajectory, boxTable, chosen);
            });

            trajectory.Notes.Add($"Coverage: share of the runs meeting the condition that fall in the box; density: share of the box's runs that meet it (both 0–1). ▶ marks the box shown below (largest coverage × density with density ≥ {p.GetValue(threshold).ToString("P0", CultureInfo.InvariantCulture)}); --box N inspects another.");
            var doc = new ResultDocument("discover", trajectory, boxTable) { CsvDefault = "box" }
                .With(new { Condition = condition.Text, result.Cases, Runs = result.Points, ChosenBox = chosen });
            output.Write(p, ctx, doc);
            return 0;
        });
    }

    /// <summary>A PRIM box as a table: each restricted parameter's bounds, its range in the data and its quasi-p-values.</summary>
    internal static ResultTable BoxTable(string title, IReadOnlyList<double[]> x, IReadOnlyList<string> names, bool[] y, PrimBox box, string name = "rows")
    {
        var table = new ResultTable(title, [
            new("parameter", "Parameter", RightAlign: false),
            new("lower", "Lower", "G4"),
            new("upper", "Upper", "G4"),
            new("data_min", "Data min", "G4"),
            new("data_max", "Data max", "G4"),
            new("qp_lower", "Quasi-p (lower)", "G2"),
            new("qp_upper", "Quasi-p (upper)", "G2"),
        ], name);
        foreach (var r in Prim.Restrictions(x, names, y, box))
        {
            table.Add(r.Name, r.Lower, r.Upper, x[r.Dimension].Min(), x[r.Dimension].Max(), r.QuasiPLower, r.QuasiPUpper);
        }

        return table;
    }
}
