using Ballast.Core.Panel;

namespace Ballast.Core.Tests.Support;

/// <summary>Builds small hand-made panels for tests.</summary>
internal static class TestPanel
{
    public static PanelRow Row(string iso3, int year, double? gdp = null, double? milex = null, double? share = null, double? milexConstant = null, double? population = null)
    {
        var r = new PanelRow(iso3, year);
        if (gdp is double g)
        {
            r[Series.GdpCurrentUsd] = new Observation(g, "WDI NY.GDP.MKTP.CD");
        }

        if (milex is double m)
        {
            r[Series.MilexCurrentUsd] = new Observation(m, "SIPRI current USD");
        }

        if (share is double s)
        {
            r[Series.MilexShare] = new Observation(s, "SIPRI share of GDP");
        }

        if (milexConstant is double c)
        {
            r[Series.MilexConstantUsd] = new Observation(c, "SIPRI constant 2023 USD");
        }

        if (population is double p)
        {
            r[Series.Population] = new Observation(p, "WDI SP.POP.TOTL");
        }

        return r;
    }

    public static CountryPanel Of(params PanelRow[] rows) => new(rows, "test panel");
}
