using Ballast.Core.Countries;
using Ballast.Core.Model;
using Ballast.Core.Parameters;

namespace Ballast.Testing;

/// <summary>
/// Baseline-shaped synthetic inputs for tests and benchmarks (16 actors, 2024-2035). Rounded, order-of-magnitude
/// figures so that tests do not depend on the scenario compiler; not a scenario of the product.
/// </summary>
public static class SyntheticInputs
{
    private static readonly (string Code, CountryRole Role, double MilexBn, double Share, double Growth, double Lat, double Lon, double DepChina, TreatyType Treaty, double Troops, double Bases, double HnsBn, double Warheads, double Missiles)[] Actors =
    [
        ("USA", CountryRole.Patron, 916, 0.034, 0.02, 38.9, -77.0, 0.13, TreatyType.None, 0, 0, 0, 5044, 0),
        ("CHN", CountryRole.Adversary, 296, 0.017, 0.045, 39.9, 116.4, 0, TreatyType.None, 0, 0, 0, 500, 2000),
        ("RUS", CountryRole.Adversary, 109, 0.059, 0.01, 55.75, 37.6, 0.2, TreatyType.None, 0, 0, 0, 5580, 100),
        ("PRK", CountryRole.Adversary, 4, 0.2, 0.01, 39.0, 125.75, 0.9, TreatyType.None, 0, 0, 0, 50, 200),
        ("JPN", CountryRole.TreatyAlly, 50, 0.012, 0.008, 35.7, 139.7, 0.2, TreatyType.BilateralTreaty, 55000, 120, 1.9, 0, 0),
        ("KOR", CountryRole.TreatyAlly, 48, 0.028, 0.02, 37.55, 127.0, 0.22, TreatyType.BilateralTreaty, 24000, 73, 0.9, 0, 100),
        ("AUS", CountryRole.TreatyAlly, 32, 0.019, 0.022, -35.3, 149.1, 0.27, TreatyType.CollectiveDefence, 1700, 5, 0, 0, 0),
        ("PHL", CountryRole.TreatyAlly, 4.3, 0.01, 0.055, 14.6, 121.0, 0.18, TreatyType.BilateralTreaty, 200, 9, 0, 0, 0),
        ("THA", CountryRole.TreatyAlly, 5.8, 0.012, 0.03, 13.75, 100.5, 0.19, TreatyType.BilateralTreaty, 100, 0, 0, 0, 0),
        ("IND", CountryRole.Partner, 84, 0.024, 0.06, 28.6, 77.2, 0.11, TreatyType.Partnership, 0, 0, 0, 172, 0),
        ("VNM", CountryRole.Partner, 7, 0.02, 0.06, 21.0, 105.85, 0.24, TreatyType.Partnership, 0, 0, 0, 0, 0),
        ("IDN", CountryRole.Partner, 9, 0.007, 0.05, -6.2, 106.8, 0.22, TreatyType.Partnership, 0, 0, 0, 0, 0),
        ("TWN", CountryRole.Partner, 17, 0.025, 0.025, 25.05, 121.5, 0.22, TreatyType.Partnership, 0, 0, 0, 0, 0),
        ("SGP", CountryRole.Partner, 13, 0.028, 0.025, 1.3, 103.8, 0.13, TreatyType.Partnership, 200, 1, 0, 0, 0),
        ("NZL", CountryRole.TreatyAlly, 3, 0.012, 0.02, -41.3, 174.8, 0.24, TreatyType.CollectiveDefence, 0, 0, 0, 0, 0),
        ("GBR", CountryRole.TreatyAlly, 75, 0.023, 0.012, 51.5, -0.13, 0.07, TreatyType.CollectiveDefence, 10000, 25, 0, 225, 0),
    ];

    private static readonly double[] UsMix = [0.22, 0.22, 0.12, 0.1, 0.14, 0.08, 0.12];
    private static readonly double[] Balanced = [0.18, 0.16, 0.1, 0.12, 0.1, 0.08, 0.26];

    /// <summary>A builder with the 16 baseline-shaped actors, distances and a few links; stance reassure.</summary>
    public static ModelInputsBuilder Builder(int start = 2024, int horizon = 2035, Func<ActorSpec, ActorSpec>? adjust = null)
    {
        var b = new ModelInputsBuilder(start, horizon, "synthetic");
        int n = 0;
        foreach (var a in Actors)
        {
            double[] comp = a.Role == CountryRole.Patron ? UsMix : Niche(n);
            var spec = new ActorSpec(
                a.Code, a.Role, a.MilexBn * 1e9 / a.Share, a.MilexBn * 1e9, a.Share, a.Growth, a.DepChina, a.Code == "USA" ? 0 : 0.15,
                a.Treaty, a.Troops, a.Bases, a.HnsBn * 1e9, a.Warheads, a.Missiles,
                comp, a.Role == CountryRole.Patron ? UsMix : Balanced);
            b.AddActor(adjust is null ? spec : adjust(spec));
            n++;
        }

        for (int i = 0; i < Actors.Length; i++)
        {
            for (int j = i + 1; j < Actors.Length; j++)
            {
                b.SetDistance(i, j, GreatCircleKm(Actors[i].Lat, Actors[i].Lon, Actors[j].Lat, Actors[j].Lon));
            }
        }

        b.SetLink(b.IndexOf("JPN"), b.IndexOf("AUS"), 0.3);
        b.SetLink(b.IndexOf("JPN"), b.IndexOf("KOR"), 0.1);
        return b;
    }

    /// <summary>The baseline-shaped inputs with the default registry plus optional overrides.</summary>
    public static ModelInputs Baseline(ParameterSet registry, Action<ModelInputsBuilder>? configure = null, Func<ActorSpec, ActorSpec>? adjust = null)
    {
        var b = Builder(adjust: adjust);
        configure?.Invoke(b);
        return b.Build(registry);
    }

    /// <summary>Great-circle distance between two points, km.</summary>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0;
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double[] Niche(int n)
    {
        var x = new double[MissionAreas.Count];
        for (int m = 0; m < x.Length; m++)
        {
            x[m] = 0.05;
        }

        x[n % MissionAreas.Count] += 0.35;
        x[(n + 3) % MissionAreas.Count] += 0.3;
        return x;
    }
}
