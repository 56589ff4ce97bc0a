using Ballast.Core.Text;

namespace Ballast.Core.Scenarios;

/// <summary>How a field of a scenario section is written in YAML and checked when it is read.</summary>
public enum ScenarioFieldKind
{
    /// <summary>Non-empty text, trimmed; written in double quotes unless <see cref="ScenarioField.Quoted"/> is false.</summary>
    Text,

    /// <summary>A country (ISO3 code or name), written as its ISO3 code.</summary>
    Country,

    /// <summary>A list of distinct countries, at least <see cref="ScenarioField.MinCount"/>.</summary>
    Countries,

    /// <summary>Exactly two distinct countries (<c>[KOR, JPN]</c>).</summary>
    Pair,

    /// <summary>A year within <see cref="ScenarioField.Years"/>.</summary>
    Year,

    /// <summary>A whole number of at least 0 (troops, bases).</summary>
    Count,

    /// <summary>A finite number within <see cref="ScenarioField.Min"/>..<see cref="ScenarioField.Max"/>.</summary>
    Number,

    /// <summary>One value of an enum, spelled in kebab-case.</summary>
    Choice,
}

/// <summary>Which years a <see cref="ScenarioFieldKind.Year"/> field accepts (the loader knows the data's years).</summary>
public enum ScenarioYears
{
    /// <summary>The simulated years: start + 1 to horizon (one-off events).</summary>
    Simulated,

    /// <summary>The first data year to the horizon (schedules that may begin before the start).</summary>
    Scheduled,

    /// <summary>The year of the field <see cref="ScenarioField.FromKey"/> to the latest allowed horizon (an <c>until</c>).</summary>
    Until,
}

/// <summary>
/// One field of a scenario section's items: its YAML key, kind, bounds, whether it may be left out, and how it reads
/// its value from an item (for the writer). Made by <see cref="ScenarioFieldFactory{T}"/>.
/// </summary>
public sealed class ScenarioField
{
    private readonly Func<object, object?> _read;

    internal ScenarioField(string key, ScenarioFieldKind kind, Func<object, object?> read)
    {
        Key = key;
        Kind = kind;
        _read = read;
    }

    /// <summary>The YAML key, e.g. <c>change-percent</c>.</summary>
    public string Key { get; }

    /// <summary>How it is written and checked.</summary>
    public ScenarioFieldKind Kind { get; }

    /// <summary>True when the field may be left out (its value is then null).</summary>
    public bool Optional { get; init; }

    /// <summary>For text: quoted when written (false for words such as catalogue ids).</summary>
    public bool Quoted { get; init; } = true;

    /// <summary>For text: the allowed words, or null for free text.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>For a list of countries: the fewest allowed.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>For a year: the years it accepts.</summary>
    public ScenarioYears Years { get; init; }

    /// <summary>For an <see cref="ScenarioYears.Until"/> year: the key of the first year.</summary>
    public string? FromKey { get; init; }

    /// <summary>For a number: the lowest value.</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>For a number: true when <see cref="Min"/> itself is not allowed.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>For a number: the highest value (inclusive).</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>For a number: the message of a value out of bounds.</summary>
    public string RangeMessage { get; init; } = string.Empty;

    /// <summary>For a number: true when <see cref="RangeMessage"/> is completed by <c>, found VALUE</c>.</summary>
    public bool ShowsFound { get; init; } = true;

    /// <summary>For a choice: the allowed spellings.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For a choice: the value of a spelling, or null when it is not allowed.</summary>
    public Func<string, object?> Parse { get; init; } = _ => null;

    /// <summary>For a choice: the spelling of a value.</summary>
    public Func<object, string> Spell { get; init; } = v => v.ToString() ?? string.Empty;

    /// <summary>True when a number is within the bounds.</summary>
    public bool InRange(double v) => (MinExclusive ? v > Min : v >= Min) && v <= Max;

    /// <summary>The field's value of an item of its section (null when an optional field is not set).</summary>
    public object? Read(object item) => _read(item);
}

/// <summary>Makes the fields of a section whose items are <typeparamref name="T"/>, each with how it reads an item.</summary>
/// <typeparam name="T">The item record.</typeparam>
public sealed class ScenarioFieldFactory<T>
{
    internal ScenarioFieldFactory()
    {
    }

    /// <summary>Free text (quoted when written), or one of <paramref name="allowed"/> words (written bare).</summary>
    public ScenarioField Text(string key, Func<T, string?> read, bool optional = false, bool quoted = true, IReadOnlyList<string>? allowed = null) =>
        new(key, ScenarioFieldKind.Text, x => read((T)x)) { Optional = optional, Quoted = quoted && allowed is null, Allowed = allowed };

    /// <summary>A country, written as its ISO3 code.</summary>
    public ScenarioField Country(string key, Func<T, string?> read, bool optional = false) =>
        new(key, ScenarioFieldKind.Country, x => read((T)x)) { Optional = optional };

    /// <summary>Distinct countries, at least <paramref name="minCount"/>.</summary>
    public ScenarioField Countries(string key, Func<T, IReadOnlyList<string>?> read, int minCount, bool optional = false) =>
        new(key, ScenarioFieldKind.Countries, x => read((T)x)) { MinCount = minCount, Optional = optional };

    /// <summary>Exactly two distinct countries.</summary>
    public ScenarioField Pair(string key, Func<T, IReadOnlyList<string>> read) =>
        new(key, ScenarioFieldKind.Pair, x => read((T)x)) { MinCount = 2 };

    /// <summary>A year within <paramref name="years"/>.</summary>
    public ScenarioField Year(string key, Func<T, int> read, ScenarioYears years) =>
        new(key, ScenarioFieldKind.Year, x => read((T)x)) { Years = years };

    /// <summary>An optional last year, from the year of <paramref name="fromKey"/> on.</summary>
    public ScenarioField Until(string key, Func<T, int?> read, string fromKey) =>
        new(key, ScenarioFieldKind.Year, x => read((T)x)) { Years = ScenarioYears.Until, FromKey = fromKey, Optional = true };

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (min excluded when <paramref name="minExclusive"/>).</summary>
    /// <param name="key">The YAML key.</param>
    /// <param name="read">The value of an item.</param>
    /// <param name="min">Lowest value.</param>
    /// <param name="max">Highest value.</param>
    /// <param name="rangeMessage">What a value out of bounds is told, completed by <c>, found VALUE</c> unless <paramref name="showsFound"/> is false.</param>
    /// <param name="minExclusive">True when <paramref name="min"/> itself is not allowed.</param>
    /// <param name="optional">True when the field may be left out.</param>
    /// <param name="showsFound">False when the message does not repeat the value.</param>
    public ScenarioField Number(string key, Func<T, double?> read, double min, double max, string rangeMessage, bool minExclusive = false, bool optional = false, bool showsFound = true) =>
        new(key, ScenarioFieldKind.Number, x => read((T)x)) { Min = min, Max = max, RangeMessage = rangeMessage, MinExclusive = minExclusive, Optional = optional, ShowsFound = showsFound };

    /// <summary>A whole number of at least 0.</summary>
    public ScenarioField Count(string key, Func<T, int?> read, bool optional = false) =>
        new(key, ScenarioFieldKind.Count, x => read((T)x)) { Optional = optional };

    /// <summary>A share in [0, 1].</summary>
    public ScenarioField Share(string key, Func<T, double> read) => Number(key, x => read(x), 0, 1, "must be between 0 and 1");

    /// <summary>One value of <typeparamref name="TEnum"/>, spelled in kebab-case.</summary>
    public ScenarioField Choice<TEnum>(string key, Func<T, TEnum> read)
        where TEnum : struct, Enum =>
        new(key, ScenarioFieldKind.Choice, x => read((T)x))
        {
            Choices = Names.KebabValues<TEnum>(),
            Parse = s => Names.TryParseKebab<TEnum>(s, StringComparison.Ordinal, out var v) ? v : null,
            Spell = v => Names.Kebab((TEnum)v),
        };
}

/// <summary>The values read for one item of a section, by key, in the types the field kinds give.</summary>
public sealed class ScenarioFieldValues
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Sets the value of a key (null for an optional field left out).</summary>
    public object? this[string key]
    {
        get => _values.TryGetValue(key, out var v) ? v : null;
        set => _values[key] = value;
    }

    /// <summary>Text, a country or a word.</summary>
    public string Text(string key) => (string)this[key]!;

    /// <summary>Optional text.</summary>
    public string? OptionalText(string key) => (string?)this[key];

    /// <summary>A list of countries (empty when left out).</summary>
    public IReadOnlyList<string> Countries(string key) => (IReadOnlyList<string>?)this[key] ?? [];

    /// <summary>A year.</summary>
    public int Int(string key) => (int)this[key]!;

    /// <summary>An optional year.</summary>
    public int? OptionalInt(string key) => (int?)this[key];

    /// <summary>A number.</summary>
    public double Number(string key) => (double)this[key]!;

    /// <summary>A choice.</summary>
    public TEnum Choice<TEnum>(string key)
        where TEnum : struct, Enum => (TEnum)this[key]!;
}

/// <summary>
/// A list section of a scenario (e.g. <c>crises:</c>) declared once: its key, its items' fields, how the items are made
/// from the values read, how the scenario holds them and what makes two items duplicates. The scenario loader reads
/// and checks every section from its declaration, and the writer writes it back, so a new section is one declaration
/// in <see cref="Scenario.Sections"/>.
/// </summary>
public abstract class ScenarioSection
{
    private protected ScenarioSection(string key, IReadOnlyList<ScenarioField> fields)
    {
        Key = key;
        Fields = fields;
        Keys = [.. fields.Select(f => f.Key)];
    }

    /// <summary>The YAML key (top-level, or inside <see cref="Parent"/>).</summary>
    public string Key { get; }

    /// <summary>The mapping the section stands in (<c>us</c>), or null at the top level.</summary>
    public string? Parent { get; init; }

    /// <summary>The dotted field path errors name (<c>us.posture</c>).</summary>
    public string Path => Parent is null ? Key : $"{Parent}.{Key}";

    /// <summary>The items' fields, in the order they are read and written.</summary>
    public IReadOnlyList<ScenarioField> Fields { get; }

    /// <summary>The items' keys, in order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Groups of keys of which an item must give exactly one (e.g. <c>countries</c> or <c>region</c>).</summary>
    public IReadOnlyList<string[]> OneOf { get; init; } = [];

    /// <summary>Groups of keys of which an item must give at least one (e.g. <c>troops</c>, <c>bases</c> or both).</summary>
    public IReadOnlyList<string[]> AnyOf { get; init; } = [];

    /// <summary>What a duplicate is called in messages (e.g. <c>programme name</c>), or null when duplicates are allowed.</summary>
    public string? Duplicate { get; init; }

    /// <summary>The item made from the values read.</summary>
    public abstract object Create(ScenarioFieldValues values);

    /// <summary>The key two items must not share (compared without case), or null for none.</summary>
    public abstract string? Identity(object item);

    /// <summary>The section's items in a scenario.</summary>
    public abstract IReadOnlyList<object> Items(Scenario scenario);

    /// <summary>The scenario with the section's items replaced.</summary>
    public abstract Scenario With(Scenario scenario, IReadOnlyList<object> items);
}

/// <summary>A list section whose items are <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The item record.</typeparam>
public sealed class ScenarioSection<T> : ScenarioSection
    where T : class
{
    private readonly Func<ScenarioFieldValues, T> _create;
    private readonly Func<Scenario, IReadOnlyList<T>> _get;
    private readonly Func<Scenario, IReadOnlyList<T>, Scenario> _set;

    /// <summary>Declares a section.</summary>
    /// <param name="key">The top-level YAML key.</param>
    /// <param name="fields">The items' fields, in the order they are read and written.</param>
    /// <param name="create">The item made from the values read.</param>
    /// <param name="get">The section's items in a scenario.</param>
    /// <param name="set">The scenario with the items replaced.</param>
    public ScenarioSection(string key, Func<ScenarioFieldFactory<T>, IReadOnlyList<ScenarioField>> fields, Func<ScenarioFieldValues, T> create,
        Func<Scenario, IReadOnlyList<T>> get, Func<Scenario, IReadOnlyList<T>, Scenario> set)
        : base(key, fields(new ScenarioFieldFactory<T>()))
    {
        _create = create;
        _get = get;
        _set = set;
    }

    /// <summary>The key two items must not share, with <see cref="ScenarioSection.Duplicate"/>.</summary>
    public Func<T, string?>? IdentityOf { get; init; }

    /// <inheritdoc/>
    public override object Create(ScenarioFieldValues values) => _create(values);

    /// <inheritdoc/>
    public override string? Identity(object item) => IdentityOf?.Invoke((T)item);

    /// <inheritdoc/>
    public override IReadOnlyList<object> Items(Scenario scenario) => _get(scenario);

    /// <inheritdoc/>
    public override Scenario With(Scenario scenario, IReadOnlyList<object> items) => _set(scenario, [.. items.Cast<T>()]);
}
