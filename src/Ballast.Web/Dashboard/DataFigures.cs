using Ballast.Core.Countries;
using Ballast.Core.Network;
using Ballast.Core.Panel;
using Ballast.Data.Countries;
using Ballast.Data.Panel;
using Ballast.Reports.Charts;
using Ballast.Reports.Figures;
using Ballast.Reports.Model;
using Ballast.Reports.Networks;
using Ballast.Runs.Countries;
using Ballast.Web.Api;

namespace Ballast.Web.Dashboard;

/// <summary>Figures of the data pages, drawn with the report's chart and network components (one look everywhere).</summary>
public static class DataFigures
{
    /// <summary>Share of GDP over time for the selected countries, with the targets as reference lines.</summary>
    public static Figure Shares(string? countries, string? group, int? from, int? to, string? targets, int? year)
    {
        var data = DataQueries.Shares(countries, group, from, to);
        var t = DataQueries.ParseTargets(targets);
        var series = new List<ChartSeries>();
        var rows = new List<IReadOnlyList<string>>();
        int i = 0;
        foreach (var c in data.Countries)
        {
            var points = data.Years.Zip(c.SharePct).Where(p => p.Second is not null)
                .Select(p => new BandPoint(p.First, p.Second!.Value, p.Second.Value, p.Second.Value, p.Second.Value, p.Second.Value)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            series.Add(new ChartSeries(c.Name, new BandSeries("share_gdp", "Military spending", "% of GDP", points), Palette.ForSeries(i), ShowBand: false, Dash: i >= Palette.Series.Count ? "6 3" : null));
            rows.AddRange(points.Select(p => (IReadOnlyList<string>)[c.Country, c.Name, p.Year.ToString(CultureInfo.InvariantCulture), p.P50.ToString("0.###", CultureInfo.InvariantCulture)]));
            i++;
        }

        if (series.Count == 0)
        {
            throw new BallastInputException("none of the selected countries has spending data in these years", field: "countries", value: countries ?? group);
        }

        var refs = t.Select(x => new ReferenceLine(x, $"{x.ToString("0.##", CultureInfo.InvariantCulture)} % target", Palette.Black)).ToList();
        var spec = new BandChartSpec("Military spending (% of GDP)", series, refs);
        var marked = year is int y ? $" The table below shows {y}." : string.Empty;
        return new Figure(
            "shares",
            "Military spending as a share of GDP",
            $"Each country's military expenditure as a share of GDP, {data.Years[0]}–{data.Years[^1]}, against the targets of {string.Join(" and ", t.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture) + " %"))} of GDP (dashed).{marked} {data.Citation}",
            900,
            440,
            c => ChartRenderer.DrawBandChart(c, 0, 0, c.Width, c.Height, spec),
            new DataTable(["Code", "Country", "Year", "Share of GDP (%)"], rows));
    }

    /// <summary>Alliance network snapshots for several years, side by side (hub-and-spokes → networked).</summary>
    /// <param name="years">Comma-separated years (default 1990, 2005, 2024).</param>
    /// <param name="countries">Countries to show (codes or names), or null.</param>
    /// <param name="group">A group as of each year, or null (both null: the Indo-Pacific set).</param>
    /// <param name="build">Builds a year's network among the countries (the server's <see cref="NetworkCache.Build"/>); default <see cref="DataQueries.BuildNetwork"/>.</param>
    public static Figure Networks(string? years, string? countries, string? group, Func<int, IReadOnlyList<string>, (AllianceNetwork Network, NetworkSummary Summary)>? build = null)
    {
        build ??= DataQueries.BuildNetwork;
        var list = ParseYears(years);
        var snapshots = new List<NetworkSnapshot>();
        foreach (var y in list)
        {
            var nodes = DataQueries.Selection(countries, group, y, CountrySelection.IndoPacific);
            var (network, summary) = build(y, nodes);
            var roles = CountryData.IndoPacific.Actors.ToDictionary(a => a.Iso3, a => a.Role);
            var spendingYear = Math.Min(y, DataQueries.LastShareYear);
            snapshots.Add(new NetworkSnapshot(
                y.ToString(CultureInfo.InvariantCulture),
                y,
                network.Nodes.Select(n => new NetworkNode(n, DataQueries.Name(n), roles.GetValueOrDefault(n, CountryRole.Partner), (PanelBuilder.Default.Value(n, spendingYear, Series.MilexCurrentUsd) ?? 0) / 1e9)).ToList(),
                network.Edges.SelectMany(e => e.Kinds.Select(k => new NetworkEdge(e.A, e.B, TieKinds.Name(k), Math.Clamp(e.Ties.Where(t => t.Kind == k).Sum(t => t.Weight) / 2, 0.15, 1)))).ToList(),
                [
                    new NamedValue("density", summary.Density ?? 0),
                    new NamedValue("centralisation", summary.DegreeCentralisation ?? 0),
                    new NamedValue("patron share", summary.PatronShareOfTies ?? 0),
                    new NamedValue("ally-to-ally ties", summary.AllyToAllyTies),
                ]));
        }

        var (w, h) = NetworkRenderer.Size(snapshots.Count);
        return new Figure(
            "network",
            "The alliance network across years",
            $"Alliance ties in {string.Join(", ", list)}. The US sits in the centre: ties that all run to the centre are hub-and-spokes; ties between allies around the circle are a networked architecture. Node area ∝ military spending that year (current US$); edges coloured and dashed by type. {DataQueries.AllianceCitation}",
            w,
            h,
            c => NetworkRenderer.Draw(c, snapshots),
            new DataTable(
                ["Year", "From", "To", "Type", "Strength"],
                snapshots.SelectMany(s => s.Edges.Select(e => (IReadOnlyList<string>)[s.Year.ToString(CultureInfo.InvariantCulture), e.A, e.B, e.Kind, e.Strength.ToString("0.##", CultureInfo.InvariantCulture)])).ToList()));
    }

    private static List<int> ParseYears(string? years)
    {
        if (string.IsNullOrWhiteSpace(years))
        {
            return [1990, 2005, 2024];
        }

        var list = new List<int>();
        foreach (var part in years.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) || y < 1816 || y > 2100)
            {
                throw new BallastInputException("each year must be a whole number between 1816 and 2100", field: "years", value: part);
            }

            list.Add(y);
        }

        return list.Count is >= 1 and <= 4 ? list.Distinct().Order().ToList() : throw new BallastInputException("give 1 to 4 years", field: "years", value: years);
    }
}
