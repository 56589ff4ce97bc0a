using System.Collections.Immutable;
using Ballast.Core.Text;

namespace Ballast.Core.Parameters;

/// <summary>
/// The parameter registry: an immutable, ordered set of <see cref="Parameter"/>s keyed by name.
/// "Changes" (<see cref="WithOverrides"/>) return new sets. Unknown names are rejected with the closest known names.
/// </summary>
public sealed class ParameterSet
{
    private readonly ImmutableDictionary<string, Parameter> _byName;

    /// <summary>Creates a registry; names must be unique.</summary>
    public ParameterSet(IEnumerable<Parameter> parameters)
    {
        var list = parameters.ToImmutableArray();
        var builder = ImmutableDictionary.CreateBuilder<string, Parameter>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (!builder.TryAdd(p.Name, p))
            {
                throw new BallastInputException($"parameter '{p.Name}' is defined twice", field: p.Name);
            }
        }

        All = list;
        _byName = builder.ToImmutable();
    }

    /// <summary>Every parameter in registry order.</summary>
    public ImmutableArray<Parameter> All { get; }

    /// <summary>Number of parameters.</summary>
    public int Count => All.Length;

    /// <summary>The parameter of a name; throws <see cref="BallastInputException"/> listing close names when unknown.</summary>
    public Parameter this[string name] => _byName.TryGetValue(name, out var p) ? p : throw Unknown(name);

    /// <summary>True when the registry has a parameter of this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The value of a parameter by name.</summary>
    public double Value(string name) => this[name].Value;

    /// <summary>A new registry with some values replaced by name (scenario overrides).</summary>
    public ParameterSet WithOverrides(IEnumerable<KeyValuePair<string, double>> overrides)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            _ = this[name];
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new BallastInputException($"override of '{name}' is not a finite number", field: name, value: value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            map[name] = value;
        }

        return new ParameterSet(All.Select(p => map.TryGetValue(p.Name, out var v) ? p with { Value = v } : p));
    }

    /// <summary>The exception for an unknown name, listing up to five close names.</summary>
    public BallastInputException Unknown(string name)
    {
        var close = Names.Closest(name, All.Select(p => p.Name), 5);
        string hint = close.Count == 0 ? string.Empty : $"; did you mean: {string.Join(", ", close)}?";
        return new BallastInputException($"unknown parameter '{name}'{hint}", field: name);
    }
}
