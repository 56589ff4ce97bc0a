using Ballast.Data.Csv;
using Ballast.Data.Embedded;

namespace Ballast.Calibration.Regressors;

/// <summary>One nuclear exploration or weapons-programme episode (<c>data/nuclear_latency.csv</c>).</summary>
/// <param name="Iso3">Country (a successor's code for a state that no longer exists).</param>
/// <param name="Country">Name at the time.</param>
/// <param name="ExploredFrom">First year of exploration.</param>
/// <param name="ExploredUntil">Last year of exploration.</param>
/// <param name="PursuedFrom">First year of pursuit (a weapons programme), or null when the state only explored.</param>
/// <param name="PursuedUntil">Last year of pursuit, or null.</param>
/// <param name="Ended">Year the episode ended (NPT ratification, cancellation), or null when it ended in acquisition.</param>
/// <param name="Status">abandoned, latent or acquired.</param>
/// <param name="UsSecurityTie">The state's security tie to the US when the episode began ("none" when it had none).</param>
/// <param name="Citation">Sources of the coding.</param>
public sealed record LatencyEpisode(string Iso3, string Country, int ExploredFrom, int ExploredUntil, int? PursuedFrom, int? PursuedUntil, int? Ended, string Status, string UsSecurityTie, string Citation)
{
    /// <summary>True when the state had a US treaty or partner tie when the episode began.</summary>
    public bool UsAllyOrPartner => !UsSecurityTie.StartsWith("none", StringComparison.Ordinal);

    /// <summary>Years of pursuit (0 when the state only explored).</summary>
    public int PursuitYears => PursuedFrom is int f && PursuedUntil is int u ? u - f + 1 : 0;
}

/// <summary>The published record of nuclear latency and weapons programmes of US allies and partners, the data behind the hedging parameters.</summary>
public static class NuclearLatency
{
    /// <summary>Statuses a row may take.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["abandoned", "latent", "acquired"];

    /// <summary>Loads <c>data/nuclear_latency.csv</c>; every bad cell is an error naming file, line and column.</summary>
    public static IReadOnlyList<LatencyEpisode> Load() => Parse(EmbeddedData.Csv("nuclear_latency.csv"));

    /// <summary>Parses the table.</summary>
    public static IReadOnlyList<LatencyEpisode> Parse(CsvTable t)
    {
        t.Require("iso3", "country", "explored_from", "explored_until", "pursued_from", "pursued_until", "ended", "status", "us_security_tie", "citation");
        int iso = t.Column("iso3"), name = t.Column("country"), ef = t.Column("explored_from"), eu = t.Column("explored_until"), pf = t.Column("pursued_from"),
            pu = t.Column("pursued_until"), end = t.Column("ended"), st = t.Column("status"), tie = t.Column("us_security_tie"), cite = t.Column("citation");
        var list = new List<LatencyEpisode>();
        foreach (var r in t.Records)
        {
            int? Year(int col) => r.Number(col) is double v ? (int)v : null;
            var status = r.RequiredText(st);
            if (!Statuses.Contains(status))
            {
                throw r.Error(st, $"allowed: {string.Join(", ", Statuses)}");
            }

            int from = r.Integer(ef), until = r.Integer(eu);
            if (until < from)
            {
                throw r.Error(eu, "exploration ends before it starts");
            }

            if ((Year(pf) is null) != (Year(pu) is null) || Year(pu) < Year(pf))
            {
                throw r.Error(pu, "pursuit needs both years, the last not before the first");
            }

            list.Add(new LatencyEpisode(r.RequiredText(iso), r.RequiredText(name), from, until, Year(pf), Year(pu), Year(end), status, r.RequiredText(tie), r.RequiredText(cite)));
        }

        return list;
    }
}
