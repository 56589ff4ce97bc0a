using Ballast.Data.Csv;

namespace Ballast.Cli.Commands;

/// <summary>The small <c>country,gdp,milex</c> or <c>country,gdp,share</c> file the exploitation test accepts.</summary>
public static class SizeBurdenFile
{
    /// <summary>True when the file's header is the size-burden format rather than a full panel.</summary>
    public static bool IsSizeBurdenFile(string path)
    {
        var t = CsvTable.Load(path);
        return t.Has("gdp") && !t.Has("year");
    }

    /// <summary>Reads and validates the file.</summary>
    public static IReadOnlyList<SizeBurden> Load(string path)
    {
        var t = CsvTable.Load(path);
        t.Require("country", "gdp");
        if (!t.Has("milex") && !t.Has("share"))
        {
            throw new BallastInputException("missing column 'milex' (or 'share'): give spending or its share of GDP in percent", t.Name, 1, "milex");
        }

        int c = t.Column("country"), g = t.Column("gdp");
        int? m = t.Has("milex") ? t.Column("milex") : null, s = t.Has("share") ? t.Column("share") : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<SizeBurden>();
        foreach (var r in t.Records)
        {
            var iso3 = CountryData.Registry.Resolve(r.RequiredText(c), r.File, r.Line, "country").Iso3;
            if (!seen.Add(iso3))
            {
                throw r.Error(c, $"duplicate country {iso3}");
            }

            var gdp = r.RequiredNumber(g);
            if (gdp <= 0)
            {
                throw r.Error(g, "GDP must be positive");
            }

            double share;
            if (s is int sc)
            {
                var v = r.RequiredNumber(sc);
                if (v < 0 || v > 100)
                {
                    throw r.Error(sc, "share must be a percentage between 0 and 100");
                }

                share = v / 100;
            }
            else
            {
                var v = r.RequiredNumber(m!.Value);
                if (v < 0)
                {
                    throw r.Error(m.Value, "must not be negative");
                }

                if (v > gdp)
                {
                    throw r.Error(m.Value, "spending exceeds GDP (share of GDP above 100 %)");
                }

                share = v / gdp;
            }

            list.Add(new SizeBurden(iso3, gdp, share));
        }

        return list;
    }
}
