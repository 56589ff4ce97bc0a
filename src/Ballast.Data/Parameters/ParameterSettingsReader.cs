using Ballast.Core.Scenarios;
using Ballast.Data.Yaml;
using YamlDotNet.RepresentationModel;
using DistributionKind = Ballast.Core.Model.DistributionKind;

namespace Ballast.Data.Parameters;

/// <summary>
/// Reads a scenario's <c>parameters:</c> section (schema in <c>docs/scenarios.md</c>): <c>overrides</c> (registry name:
/// value) and <c>uncertain</c> (registry name: one distribution), with the shared YAML field readers, so a bad name or
/// bound is reported at its line and column with the closest registry name.
/// </summary>
internal static class ParameterSettingsReader
{
    /// <summary>Reads the section.</summary>
    /// <param name="y">Field readers of the document being read.</param>
    /// <param name="node">The section's node.</param>
    /// <param name="path">The section's field path.</param>
    /// <param name="known">Registry names to check against, or null to accept any name (checked later by the compiler).</param>
    /// <returns>The overrides and uncertain parameters.</returns>
    public static ParameterSettings Read(YamlFields y, YamlNode node, string path, IReadOnlySet<string>? known)
    {
        var m = y.Map(node, path, "overrides", "uncertain");
        var overrides = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m.Get("overrides") is { } on)
        {
            foreach (var (key, value) in y.Entries(on, path + ".overrides"))
            {
                var name = Name(y, key, path + ".overrides", known);
                var v = y.Double(value, $"{path}.overrides.{name}");
                if (Range(name) is { } range && !range.Contains(v))
                {
                    throw y.Error(value, $"{path}.overrides.{name}", range.Outside(v), YamlFields.ValueText(value));
                }

                overrides[name] = v;
            }
        }

        var uncertain = new List<UncertainParameter>();
        if (m.Get("uncertain") is { } un)
        {
            foreach (var (key, value) in y.Entries(un, path + ".uncertain"))
            {
                var name = Name(y, key, path + ".uncertain", known);
                if (overrides.ContainsKey(name))
                {
                    throw y.Error(key, $"{path}.uncertain.{name}", $"parameter '{name}' is both overridden and uncertain; give one", name);
                }

                var distribution = Distribution(y, value, $"{path}.uncertain.{name}");
                var support = ParameterRange.Support(distribution);
                if (Range(name) is { } range && !(range.Contains(support.Low) && range.Contains(support.High)))
                {
                    throw y.Error(value, $"{path}.uncertain.{name}", range.OutsideSupport(support));
                }

                uncertain.Add(new UncertainParameter(name, distribution));
            }
        }

        return new ParameterSettings(overrides, uncertain);
    }

    // Ranges come from the shipped registry's units; a name it does not hold is left to the compiler's check.
    private static ParameterRange? Range(string name) =>
        ParameterRegistryLoader.Default.Contains(name) ? ParameterRange.ForUnit(ParameterRegistryLoader.Default[name].Unit) : null;

    private static string Name(YamlFields y, YamlScalarNode key, string path, IReadOnlySet<string>? known)
    {
        var name = key.Value ?? string.Empty;
        if (known is not null && !known.Contains(name))
        {
            throw y.Error(key, $"{path}.{name}", $"unknown parameter '{InputLimits.Echo(name)}'{YamlFields.DidYouMean(name, known.Order(StringComparer.Ordinal))}", name);
        }

        return name;
    }

    private static Distribution Distribution(YamlFields y, YamlNode node, string path)
    {
        var m = y.Map(node, path, "uniform", "normal", "triangular", "lognormal");
        if (m.Count != 1)
        {
            throw y.Error(node, path, "give exactly one distribution: uniform, normal, triangular or lognormal");
        }

        var (kind, body) = m.Single();
        var p = $"{path}.{kind}";
        switch (kind)
        {
            case "uniform":
                {
                    var d = y.Map(body, p, "min", "max");
                    var min = y.Double(d.Required("min"), p + ".min");
                    var max = y.Double(d.Required("max"), p + ".max");
                    return max > min ? new Distribution(DistributionKind.Uniform, min, max) : throw y.Error(d.Required("max"), p + ".max", $"max must be greater than min ({YamlFields.Format(min)})", YamlFields.ValueText(d.Required("max")));
                }

            case "normal":
                {
                    var d = y.Map(body, p, "mean", "sd");
                    var mean = y.Double(d.Required("mean"), p + ".mean");
                    var sd = y.Double(d.Required("sd"), p + ".sd");
                    return sd > 0 ? new Distribution(DistributionKind.Normal, mean, sd) : throw y.Error(d.Required("sd"), p + ".sd", "standard deviation must be greater than 0", YamlFields.ValueText(d.Required("sd")));
                }

            case "triangular":
                {
                    var d = y.Map(body, p, "min", "mode", "max");
                    var min = y.Double(d.Required("min"), p + ".min");
                    var mode = y.Double(d.Required("mode"), p + ".mode");
                    var max = y.Double(d.Required("max"), p + ".max");
                    if (max <= min)
                    {
                        throw y.Error(d.Required("max"), p + ".max", $"max must be greater than min ({YamlFields.Format(min)})", YamlFields.ValueText(d.Required("max")));
                    }

                    return mode >= min && mode <= max ? new Distribution(DistributionKind.Triangular, min, mode, max) : throw y.Error(d.Required("mode"), p + ".mode", $"mode must lie between min ({YamlFields.Format(min)}) and max ({YamlFields.Format(max)})", YamlFields.ValueText(d.Required("mode")));
                }

            default:
                {
                    var d = y.Map(body, p, "mu", "sigma");
                    var mu = y.Double(d.Required("mu"), p + ".mu");
                    var sigma = y.Double(d.Required("sigma"), p + ".sigma");
                    return sigma > 0 ? new Distribution(DistributionKind.LogNormal, mu, sigma) : throw y.Error(d.Required("sigma"), p + ".sigma", "sigma must be greater than 0", YamlFields.ValueText(d.Required("sigma")));
                }
        }
    }
}
