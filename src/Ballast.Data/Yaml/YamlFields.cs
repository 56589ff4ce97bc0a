using Ballast.Data.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ballast.Data.Yaml;

/// <summary>
/// Typed, located field readers for one YAML document. The text is read into YamlDotNet's representation model only (no
/// type is instantiated from the file) and then walked field by field, so every error is a <see cref="ScenarioException"/>
/// naming file, line, column and the dotted field path: <c>x.yaml:12:9: field 'us.stance[0].kind': unknown value
/// 'abandon'; allowed: reassure, conditional, disengage</c>. Unknown keys get the closest allowed key as a suggestion.
/// Document readers (the scenario loader, the parameter settings reader) build on it.
/// </summary>
internal class YamlFields(string file)
{
    /// <summary>Most nodes one document may have, counting alias expansions (a guard against "billion laughs").</summary>
    public const int MaxNodes = InputLimits.YamlNodes;

    private int _nodes;

    /// <summary>The file named in errors.</summary>
    public string File { get; } = file;

    /// <summary>
    /// Reads YAML text holding exactly one document and returns its root; syntax errors, duplicate keys, an empty file,
    /// several documents, text over <paramref name="maxChars"/> and nesting deeper than <see cref="InputLimits.YamlDepth"/>
    /// are located errors. Every failure of the YAML library is turned into a located error here, the one entry point.
    /// </summary>
    public static YamlNode Root(string yaml, string file, int maxChars)
    {
        if (yaml.Length > maxChars)
        {
            throw new ScenarioException($"file is larger than {maxChars} characters", file, 1, 1, null);
        }

        // The representation model builds nodes recursively, and a stack overflow cannot be caught: measure the depth
        // first with the library's own event parser, which keeps its state on the heap, so quotes, comments, block
        // and flow styles count exactly as the loader will see them.
        CheckDepth(yaml, file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw Invalid(e, file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The scanner throws other exception types on some malformed input (an unterminated flow mapping gives
            // InvalidOperationException); the depth pass has located those already, so this is only a backstop.
            throw new ScenarioException("invalid YAML: " + FirstLine(e.Message), file, 1, 1, null);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ScenarioException("the file is empty", file, 1, 1, null);
        }

        if (stream.Documents.Count > 1)
        {
            var s = stream.Documents[1].RootNode.Start;
            throw new ScenarioException("expected one YAML document, found several", file, (int)s.Line, (int)s.Column, null);
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>A mapping whose keys must be among <paramref name="allowed"/>; an unknown key is an error with a suggestion.</summary>
    public YamlMap Map(YamlNode node, string path, params string[] allowed)
    {
        Count(node);
        if (node is not YamlMappingNode map)
        {
            throw Error(node, path.Length == 0 ? null : path, $"expected a mapping (key: value), found {Describe(node)}");
        }

        var result = new YamlMap(this, map, path);
        foreach (var (k, v) in map.Children)
        {
            Count(v);
            if (k is not YamlScalarNode ks || ks.Value is null)
            {
                throw Error(k, path.Length == 0 ? null : path, "keys must be plain names");
            }

            var key = ks.Value;
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                var hint = DidYouMean(key, allowed);
                throw Error(k, Join(path, key), $"unknown field '{InputLimits.Echo(key)}'{(hint.Length > 0 ? hint : $"; allowed: {string.Join(", ", allowed)}")}", key);
            }

            result.Add(key, v);
        }

        return result;
    }

    /// <summary>The entries of a mapping with free keys (names checked by the caller).</summary>
    public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlNode node, string path)
    {
        Count(node);
        if (node is not YamlMappingNode map)
        {
            throw Error(node, path, $"expected a mapping (name: value), found {Describe(node)}");
        }

        foreach (var (k, v) in map.Children)
        {
            Count(v);
            if (k is not YamlScalarNode ks || string.IsNullOrEmpty(ks.Value))
            {
                throw Error(k, path, "keys must be plain names");
            }

            yield return (ks, v);
        }
    }

    /// <summary>A list read item by item (paths <c>path[i]</c>); an absent list is empty.</summary>
    public List<T> List<T>(YamlNode? node, string path, Func<YamlNode, string, T> item)
    {
        if (node is null)
        {
            return [];
        }

        Count(node);
        if (node is not YamlSequenceNode seq)
        {
            throw Error(node, path, $"expected a list, found {Describe(node)}");
        }

        var result = new List<T>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            Count(seq.Children[i]);
            result.Add(item(seq.Children[i], $"{path}[{i}]"));
        }

        return result;
    }

    /// <summary>Throws at the first item whose key (ignoring case) repeats an earlier one.</summary>
    public void NoDuplicates<T>(YamlNode? node, string path, IReadOnlyList<T> items, Func<T, string?> key, string what)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (k is not null && !seen.Add(k))
            {
                var at = node is YamlSequenceNode s ? s.Children[i] : node!;
                throw Error(at, $"{path}[{i}]", $"duplicate {what} '{k}'", k);
            }
        }
    }

    /// <summary>A single value as written (empty when null).</summary>
    public string Scalar(YamlNode node, string path)
    {
        Count(node);
        if (node is not YamlScalarNode s)
        {
            throw Error(node, path, $"expected a single value, found {Describe(node)}");
        }

        return s.Value ?? string.Empty;
    }

    /// <summary>Non-empty text, trimmed.</summary>
    public string Str(YamlNode node, string path)
    {
        var s = Scalar(node, path).Trim();
        return s.Length > 0 ? s : throw Error(node, path, "must not be empty");
    }

    /// <summary>A finite number.</summary>
    public double Double(YamlNode node, string path)
    {
        var s = Scalar(node, path);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error(node, path, $"expected a number, found '{InputLimits.Echo(s)}'", s);
    }

    /// <summary>A whole number.</summary>
    public int Int(YamlNode node, string path)
    {
        var s = Scalar(node, path);
        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(node, path, $"expected a whole number, found '{InputLimits.Echo(s)}'", s);
    }

    /// <summary>A whole number of at least 0.</summary>
    public int NonNegativeInt(YamlNode node, string path)
    {
        var v = Int(node, path);
        return v >= 0 ? v : throw Error(node, path, "must not be negative", ValueText(node));
    }

    /// <summary>A share in [0, 1].</summary>
    public double Share(YamlNode node, string path)
    {
        var v = Double(node, path);
        return v is >= 0 and <= 1 ? v : throw Error(node, path, $"must be between 0 and 1, found {ValueText(node)}", ValueText(node));
    }

    /// <summary>A percentage in [0, 100].</summary>
    public double Percent(YamlNode node, string path)
    {
        var v = Double(node, path);
        return v is >= 0 and <= 100 ? v : throw Error(node, path, $"a percentage must be between 0 and 100, found {ValueText(node)}", ValueText(node));
    }

    /// <summary>An enum value spelled in kebab-case (<c>hub-and-spokes</c>), case-sensitive.</summary>
    public T Enum<T>(YamlNode node, string path)
        where T : struct, System.Enum
    {
        var s = Scalar(node, path);
        return Names.TryParseKebab<T>(s, StringComparison.Ordinal, out var v)
            ? v
            : throw Error(node, path, $"unknown value '{InputLimits.Echo(s)}'; allowed: {string.Join(", ", Names.KebabValues<T>())}", s);
    }

    /// <summary>An error located at a node.</summary>
    public ScenarioException Error(YamlNode node, string? field, string reason, string? value = null) =>
        new(reason, File, (int)node.Start.Line, (int)node.Start.Column, field is null ? null : InputLimits.Echo(field), value is null ? null : InputLimits.Echo(value));

    /// <summary>A scalar's text, or a description of a non-scalar, for messages.</summary>
    public static string ValueText(YamlNode node) => node is YamlScalarNode s ? s.Value ?? string.Empty : Describe(node);

    /// <summary><c>; did you mean 'x'?</c> for the closest candidate, or empty when none is close.</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates) =>
        Names.Closest(text, candidates, 1) is [var best] ? $"; did you mean '{best}'?" : string.Empty;

    /// <summary>A number as written back in messages (round-trip format).</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The dotted path of a key under a path.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private void Count(YamlNode node)
    {
        if (++_nodes > MaxNodes)
        {
            throw Error(node, null, $"the document has more than {MaxNodes} nodes (aliases expanding too far?)");
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static void CheckDepth(string yaml, string file)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        var at = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                at = e.End;
                if (e is MappingStart or SequenceStart && ++depth > InputLimits.YamlDepth)
                {
                    throw new ScenarioException($"the document nests deeper than {InputLimits.YamlDepth} levels", file, (int)e.Start.Line, (int)e.Start.Column, null);
                }

                if (e is MappingEnd or SequenceEnd)
                {
                    depth--;
                }
            }
        }
        catch (YamlException e)
        {
            throw Invalid(e, file);
        }
        catch (Exception e) when (e is not (ScenarioException or OutOfMemoryException))
        {
            // Not every scanner failure is a YamlException; the end of the last good event locates it.
            throw new ScenarioException("invalid YAML: " + FirstLine(e.Message), file, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), null);
        }
    }

    private static ScenarioException Invalid(YamlException e, string file)
    {
        var text = FirstLine(e.Message);
        const string dup = "Duplicate key ";
        if (text.StartsWith(dup, StringComparison.Ordinal))
        {
            var key = text[dup.Length..].Trim();
            return new ScenarioException($"duplicate field '{InputLimits.Echo(key)}'; each field may appear once", file, (int)e.Start.Line, (int)e.Start.Column, key);
        }

        return new ScenarioException("invalid YAML: " + InputLimits.Echo(text), file, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column), null);
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        var line = i < 0 ? s : s[..i];

        // YamlDotNet prefixes "(Line: a, Col: b, Idx: c) - (Line: ...): "; the position is reported separately.
        var j = line.LastIndexOf("): ", StringComparison.Ordinal);
        return (j < 0 ? line : line[(j + 3)..]).Trim();
    }
}

/// <summary>A mapping's entries, in file order, with required and optional access by key.</summary>
internal sealed class YamlMap(YamlFields fields, YamlMappingNode node, string path) : List<KeyValuePair<string, YamlNode>>
{
    /// <summary>Adds an entry.</summary>
    public void Add(string key, YamlNode value) => Add(new KeyValuePair<string, YamlNode>(key, value));

    /// <summary>The value of a key, or null when absent or written as nothing (<c>key:</c>).</summary>
    public YamlNode? Get(string key)
    {
        foreach (var (k, v) in this)
        {
            if (k == key)
            {
                return v is YamlScalarNode { Value: null or "" } s && s.Style == ScalarStyle.Plain ? null : v;
            }
        }

        return null;
    }

    /// <summary>The value of a key; its absence is an error located at the mapping.</summary>
    public YamlNode Required(string key) =>
        Get(key) ?? throw fields.Error(node, YamlFields.Join(path, key), "required field is missing");
}
