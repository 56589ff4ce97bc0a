namespace Ballast.Cli.Commands;

/// <summary><c>ballast episodes</c>: runs every historical episode and compares the model's change of the burden with the realised one.</summary>
public static class EpisodesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("episodes")
        {
            Description = "Episode YAML files (default: the shipped library, scenarios/history/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var runs = new Option<int>("--runs", "-n") { Description = "Runs per episode (default 500).", DefaultValueFactory = _ => 500 };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Master seed (default: each episode's own)." };
        var threads = CommonOptions.Threads();
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "episodes", "Run the historical episodes and compare, per country, the realised change of the burden over each episode with the model's median change and 90 % band: direction and at least half the size.",
            ["ballast episodes", "ballast episodes scenarios/history/guam-doctrine-1969.yaml --runs 1000", "ballast episodes --format csv"],
            [files, runs, seed, threads, .. output.Symbols], p =>
        {
            var n = p.GetValue(runs);
            if (n < 1)
            {
                throw new BallastInputException("the number of runs must be at least 1", field: "--runs", value: n.ToString(CultureInfo.InvariantCulture));
            }

            var given = p.GetValue(files) ?? [];
            var episodes = given.Length > 0
                ? given.Select(PreparedScenario.FromFile).ToList()
                : EpisodeChecks.Embedded().Select(e => PreparedScenario.FromText(e.Yaml, e.File)).ToList();
            var rows = EpisodeChecks.Run(episodes, n, p.GetValue(seed), p.GetValue(threads) is int j and > 0 ? j : Environment.ProcessorCount, ctx.Cancellation);
            var table = Table(rows);
            table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{n} runs per episode. Change = burden at the end of the window minus at its start (the run's start and horizon), pp of GDP; realised from the data (World Bank/SIPRI share of GDP, else COW NMC spending / Maddison GDP)."));
            table.Notes.Add(Summary(rows) + ".");
            table.Sources.Add(PanelBuilder.Citation);
            output.Write(p, ctx, new ResultDocument("episodes", table).With(new
            {
                Runs = n,
                DirectionMatched = rows.Count(r => r.DirectionMatches == true),
                HalfSize = rows.Count(r => r.HalfSize == true),
                InsideBand = rows.Count(r => r.InsideBand == true),
                RowsWithData = rows.Count(r => r.DirectionMatches is not null),
            }));
            return 0;
        });
    }

    /// <summary>The episode table: one row per episode and country.</summary>
    public static ResultTable Table(IReadOnlyList<EpisodeRow> rows, string name = "rows")
    {
        var t = new ResultTable("Historical episodes: change of the burden over each episode, pp of GDP", [
            new("episode", "Episode", RightAlign: false),
            new("country", "Country", RightAlign: false),
            new("from", "From"),
            new("until", "Until"),
            new("realised_start_pct", "Data start %", "N2"),
            new("realised_change_pp", "Realised Δ", "N2"),
            new("model_median_pp", "Model Δ median", "N2"),
            new("model_p5_pp", "Model Δ p5", "N2"),
            new("model_p95_pp", "Model Δ p95", "N2"),
            new("direction", "Direction", RightAlign: false),
            new("half_size", "≥ half size", RightAlign: false),
            new("inside_band", "In 90 % band", RightAlign: false),
        ], name);
        static string? YesNo(bool? b) => b switch { true => "yes", false => "no", null => null };
        foreach (var r in rows)
        {
            t.Add(r.Episode, r.Country, r.FromYear, r.UntilYear, r.RealisedStart, r.Realised, r.ModelMedian, r.ModelP5, r.ModelP95, YesNo(r.DirectionMatches), YesNo(r.HalfSize), YesNo(r.InsideBand));
        }

        return t;
    }

    /// <summary>How many rows match the direction, reach half the size and fall inside the band.</summary>
    public static string Summary(IReadOnlyList<EpisodeRow> rows) => string.Create(CultureInfo.InvariantCulture,
        $"Direction matched in {rows.Count(r => r.DirectionMatches == true)} of {rows.Count(r => r.DirectionMatches is not null)} rows, at least half the size in {rows.Count(r => r.HalfSize == true)}, realised change inside the 90 % band in {rows.Count(r => r.InsideBand == true)}");
}
