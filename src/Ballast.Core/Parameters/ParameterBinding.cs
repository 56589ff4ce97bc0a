using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Ballast.Core.Parameters;

/// <summary>
/// Binds registry names to the fields of <see cref="ModelParameters{T}"/>: the model reads parameters only through
/// that struct; this class fills it from a <see cref="ParameterSet"/> by name and applies draws by name.
/// </summary>
public static class ParameterBinding
{
    private static readonly Dictionary<string, int> IndexByName = BuildIndex();

    /// <summary>Registry names in field order (index = position of the field in the struct).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. IndexByName.OrderBy(kv => kv.Value).Select(kv => kv.Key)];

    /// <summary>Number of model parameters.</summary>
    public static int Count => IndexByName.Count;

    /// <summary>Field index of a registry name; throws <see cref="Core.BallastInputException"/> listing close names.</summary>
    public static int IndexOf(string name, ParameterSet? registry = null) =>
        IndexByName.TryGetValue(name, out int i)
            ? i
            : throw (registry ?? new ParameterSet(Names.Select(n => new Parameter(n, 0, null, "", SourceKind.Assumption, "", "")))).Unknown(name);

    /// <summary>Resolves every model parameter from the registry by name (a missing name is an error).</summary>
    public static ModelParameters<double> Resolve(ParameterSet registry)
    {
        var p = default(ModelParameters<double>);
        var span = AsSpan(ref p);
        foreach (var (name, i) in IndexByName)
        {
            span[i] = registry.Value(name);
        }

        return p;
    }

    /// <summary>The struct viewed as a span of its fields in order.</summary>
    public static Span<double> AsSpan(ref ModelParameters<double> p) =>
        MemoryMarshal.Cast<ModelParameters<double>, double>(MemoryMarshal.CreateSpan(ref p, 1));

    /// <summary>The vector struct viewed as a span of its fields in order.</summary>
    public static Span<Vector<double>> AsSpan(ref ModelParameters<Vector<double>> p) =>
        MemoryMarshal.Cast<ModelParameters<Vector<double>>, Vector<double>>(MemoryMarshal.CreateSpan(ref p, 1));

    /// <summary>Packs <see cref="Vector{T}.Count"/> per-run parameter sets into one lane-wise vector set.</summary>
    public static ModelParameters<Vector<double>> Pack(ReadOnlySpan<ModelParameters<double>> lanes)
    {
        int w = Vector<double>.Count;
        if (lanes.Length != w)
        {
            throw new ArgumentException($"need exactly {w} lanes", nameof(lanes));
        }

        var result = default(ModelParameters<Vector<double>>);
        var dst = AsSpan(ref result);
        Span<double> tmp = stackalloc double[w];
        for (int f = 0; f < dst.Length; f++)
        {
            for (int l = 0; l < w; l++)
            {
                var copy = lanes[l];
                tmp[l] = AsSpan(ref copy)[f];
            }

            dst[f] = new Vector<double>(tmp);
        }

        return result;
    }

    /// <summary>snake_case registry name of a PascalCase field name.</summary>
    public static string ToRegistryName(string fieldName) => Ballast.Core.Text.Names.Snake(fieldName);

    private static Dictionary<string, int> BuildIndex()
    {
        // Find each field's position by writing a sentinel through reflection and looking where it lands,
        // so the mapping does not depend on the order reflection happens to return fields in.
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in typeof(ModelParameters<double>).GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            object boxed = default(ModelParameters<double>);
            f.SetValue(boxed, 1.0);
            var p = (ModelParameters<double>)boxed;
            int idx = AsSpan(ref p).IndexOf(1.0);
            map[ToRegistryName(f.Name)] = idx;
        }

        return map;
    }
}
