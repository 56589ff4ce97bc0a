using Ballast.Web.Dashboard;

namespace Ballast.Web.Api;

/// <summary>The data query endpoints (<c>/api/...</c>): countries, series, shares, burden, exploitation, power, network.</summary>
internal static class DataEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Data");
        g.ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapGet("/countries", (string? set) => DataQueries.Countries(set))
            .WithName("countries").WithSummary("Countries of an actor set (default indo-pacific) with roles; the sets and named groups available.");
        g.MapGet("/series/{country}", (string country, int? from, int? to) => DataQueries.CountrySeries(country, from, to))
            .WithName("series").WithSummary("One country's yearly series (GDP, population, military expenditure, share of GDP) with sources.");
        g.MapGet("/shares", (string? countries, string? group, int? from, int? to) => DataQueries.Shares(countries, group, from, to))
            .WithName("shares").WithSummary("Military spending as a share of GDP per country and year (default: the Indo-Pacific set, 1990 to the last year).");
        g.MapGet("/burden", (int? year, string? targets, string? countries, string? group) => DataQueries.Burden(year, targets, countries, group))
            .WithName("burden").WithSummary("Burden table of a year: share of GDP against targets (comma-separated percentages, default 2,3.5), gaps in points and money, 5-year trend, year reached.");
        g.MapGet("/exploitation", (int? year, string? countries, string? group) => DataQueries.Exploitation(year, countries, group))
            .WithName("exploitation").WithSummary("Olson–Zeckhauser exploitation test: Spearman and Kendall rank correlations of GDP and burden, with p-values.");
        g.MapGet("/power", (int? year) => DataQueries.Power(year))
            .WithName("power").WithSummary("Power measures of the default set (spending, capital stock, CINC, GDP×GDP per capita) and the balance under each.");
        g.MapGet("/network", (int? year, string? countries, string? group, NetworkCache cache) => cache.Network(year, countries, group))
            .WithName("network").WithSummary("The alliance network of a year (ATOP pacts and groupings): nodes, edges and hub-and-spokes vs networked metrics. Answers are cached per year and selection.");

        var f = app.MapGroup("/api/figures").WithTags("Figures");
        f.ProducesProblem(StatusCodes.Status400BadRequest);
        f.MapGet("/shares.svg", (string? countries, string? group, int? from, int? to, string? targets, int? year) =>
                Results.Text(DataFigures.Shares(countries, group, from, to, targets, year).ToSvg("shares"), "image/svg+xml"))
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").WithName("sharesFigure").WithSummary("The burden explorer's chart (share of GDP over time against the targets) as SVG.");
        f.MapGet("/shares.csv", (string? countries, string? group, int? from, int? to, string? targets, int? year) =>
                Csv.Result(DataFigures.Shares(countries, group, from, to, targets, year).Table, "shares.csv"))
            .Produces<string>(StatusCodes.Status200OK, "text/csv").WithName("sharesCsv").WithSummary("The data behind the shares chart as CSV.");
        f.MapGet("/network.svg", (string? years, string? countries, string? group, NetworkCache cache) =>
                Results.Text(DataFigures.Networks(years, countries, group, cache.Build).ToSvg("network"), "image/svg+xml"))
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").WithName("networkFigure").WithSummary("Alliance network snapshots side by side (comma-separated years, default 1990,2005,2024) as SVG.");
        f.MapGet("/network.csv", (string? years, string? countries, string? group, NetworkCache cache) =>
                Csv.Result(DataFigures.Networks(years, countries, group, cache.Build).Table, "network.csv"))
            .Produces<string>(StatusCodes.Status200OK, "text/csv").WithName("networkCsv").WithSummary("The data behind the network figure (edges per year) as CSV.");
    }
}
