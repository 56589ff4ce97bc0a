namespace Ballast.Core.Panel;

/// <summary>The yearly series Ballast keeps per country.</summary>
public enum Series
{
    /// <summary>GDP, current US dollars.</summary>
    GdpCurrentUsd,

    /// <summary>GDP, constant US dollars (base year stated by the source).</summary>
    GdpConstantUsd,

    /// <summary>Population, persons.</summary>
    Population,

    /// <summary>Military expenditure, current US dollars.</summary>
    MilexCurrentUsd,

    /// <summary>Military expenditure, constant 2023 US dollars.</summary>
    MilexConstantUsd,

    /// <summary>Military expenditure as a fraction of GDP (0.034 = 3.4 %).</summary>
    MilexShare,
}

/// <summary>One figure with the name of the series it came from (e.g. "WDI NY.GDP.MKTP.CD").</summary>
public readonly record struct Observation(double Value, string Source);

/// <summary>A country-year of the panel; a missing figure is null, never zero.</summary>
public sealed class PanelRow
{
    private readonly Observation?[] _values = new Observation?[Enum.GetValues<Series>().Length];

    /// <summary>Creates an empty row.</summary>
    public PanelRow(string iso3, int year)
    {
        Iso3 = iso3;
        Year = year;
    }

    /// <summary>Country.</summary>
    public string Iso3 { get; }

    /// <summary>Year.</summary>
    public int Year { get; }

    /// <summary>The observation of a series, or null when missing.</summary>
    public Observation? this[Series s]
    {
        get => _values[(int)s];
        set => _values[(int)s] = value;
    }

    /// <summary>The value of a series, or null when missing.</summary>
    public double? Value(Series s) => _values[(int)s]?.Value;
}

/// <summary>The country-year panel: GDP, population, military expenditure and burden, with sources per figure.</summary>
public sealed class CountryPanel
{
    private readonly Dictionary<(string, int), PanelRow> _rows;
    private readonly Dictionary<string, SortedDictionary<int, PanelRow>> _byCountry;

    /// <summary>Builds a panel from rows; a duplicate country-year keeps the first.</summary>
    public CountryPanel(IEnumerable<PanelRow> rows, string description)
    {
        Description = description;
        _rows = [];
        _byCountry = new(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (_rows.TryAdd((r.Iso3, r.Year), r))
            {
                if (!_byCountry.TryGetValue(r.Iso3, out var s))
                {
                    s = [];
                    _byCountry[r.Iso3] = s;
                }

                s[r.Year] = r;
            }
        }
    }

    /// <summary>Where the panel came from (embedded data or a user file).</summary>
    public string Description { get; }

    /// <summary>Countries present.</summary>
    public IReadOnlyCollection<string> Countries => _byCountry.Keys;

    /// <summary>Last year with any data.</summary>
    public int LastYear => _rows.Count == 0 ? 0 : _rows.Keys.Max(k => k.Item2);

    /// <summary>First year with any data.</summary>
    public int FirstYear => _rows.Count == 0 ? 0 : _rows.Keys.Min(k => k.Item2);

    /// <summary>The row for a country-year, or null.</summary>
    public PanelRow? Row(string iso3, int year) => _rows.GetValueOrDefault((iso3, year));

    /// <summary>A value, or null when missing.</summary>
    public double? Value(string iso3, int year, Series s) => Row(iso3, year)?.Value(s);

    /// <summary>All rows of a country in year order.</summary>
    public IEnumerable<PanelRow> Rows(string iso3) =>
        _byCountry.TryGetValue(iso3, out var s) ? s.Values : Enumerable.Empty<PanelRow>();

    /// <summary>Every row.</summary>
    public IEnumerable<PanelRow> AllRows => _rows.Values;

    /// <summary>True when the country has any row.</summary>
    public bool Has(string iso3) => _byCountry.ContainsKey(iso3);

    /// <summary>The latest year ≤ <paramref name="atMost"/> where all the given series are present for the country.</summary>
    public int? LastCompleteYear(string iso3, int atMost, params Series[] series)
    {
        foreach (var r in Rows(iso3).Reverse())
        {
            if (r.Year <= atMost && series.All(s => r[s] is not null))
            {
                return r.Year;
            }
        }

        return null;
    }
}
