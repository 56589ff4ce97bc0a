using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ballast.Engine.Tests;

/// <summary>
/// The buffers a simulation writes while it steps own their cache lines: two simulations on two threads must never write
/// one line in turn (false sharing made a million runs on two threads take from 5.7 to 11 s of CPU from process to process).
/// </summary>
public class CacheLineTests
{
    private const int Line = 64;

    // Arrays a simulation only reads once it is built (offset tables and the shape's actor lists, shared or not).
    private static readonly HashSet<string> ReadOnlyTables = ["_allies", "_adversaries", "_allyMis", "_recActor", "_recCoal"];

    private static IEnumerable<FieldInfo> Buffers() =>
        typeof(Simulation).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType.IsArray || f.FieldType == typeof(ArraySegment<double>));

    private static Simulation NewSimulation() => new(new ModelTables(TestKit.Tiny(2030).Build(TestKit.Registry)), 24);

    [Fact]
    public void Every_segment_a_simulation_writes_starts_a_line_and_has_a_line_of_padding_after_it()
    {
        var sim = NewSimulation();
        var segments = Buffers().Where(f => f.FieldType == typeof(ArraySegment<double>)).ToList();
        Assert.True(segments.Count >= 30, $"only {segments.Count} segments found: the test no longer sees the state buffers");
        foreach (var field in segments)
        {
            var segment = (ArraySegment<double>)field.GetValue(sim)!;
            var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset);
            Assert.True(start % Line == 0, $"{field.Name} starts {start % Line} bytes into a line");
            int after = (segment.Array!.Length - segment.Offset - segment.Count) * sizeof(double);
            Assert.True(after >= Line, $"{field.Name} has {after} bytes after it, less than a line");
        }
    }

    [Fact]
    public void Every_array_a_simulation_writes_has_a_line_of_padding_and_stays_where_it_is()
    {
        var sim = NewSimulation();
        var arrays = Buffers().Where(f => f.FieldType.IsArray && !ReadOnlyTables.Contains(f.Name)).ToList();
        Assert.Contains(arrays, f => f.Name == "_stepping");
        Assert.Contains(arrays, f => f.Name == "_keys");
        var before = arrays.ToDictionary(f => f.Name, f => Marshal.UnsafeAddrOfPinnedArrayElement((Array)f.GetValue(sim)!, 0));

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        foreach (var field in arrays)
        {
            var array = (Array)field.GetValue(sim)!;
            int size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(array.GetType().GetElementType()!).Invoke(null, null)!;
            Assert.True(array.Length * size >= Line + size, $"{field.Name} ({array.Length} × {size} bytes) cannot hold a line of padding");
            Assert.Equal(before[field.Name], Marshal.UnsafeAddrOfPinnedArrayElement(array, 0)); // on the pinned heap: never moved
        }
    }

    [Fact]
    public void The_lanes_of_a_block_do_not_read_the_padding()
    {
        // A simulation whose padding were read would differ from one whose padding holds garbage: fill every padding
        // value of every buffer with NaN and the block's numbers must not change.
        var tables = new ModelTables(TestKit.Tiny(2030).Build(TestKit.Registry));
        long[] runs = [.. Enumerable.Range(0, 24).Select(i => (long)i)];
        var clean = new Simulation(tables, 24);
        clean.Reset(runs, 11);
        clean.RunToHorizon();

        var dirty = new Simulation(tables, 24);
        foreach (var field in Buffers().Where(f => f.FieldType == typeof(ArraySegment<double>)))
        {
            var segment = (ArraySegment<double>)field.GetValue(dirty)!;
            segment.Array.AsSpan(segment.Offset + segment.Count).Fill(double.NaN);
            segment.Array.AsSpan(0, segment.Offset).Fill(double.NaN);
        }

        dirty.Reset(runs, 11);
        dirty.RunToHorizon();
        for (int ind = 0; ind < clean.Layout.Count; ind++)
        {
            for (int lane = 0; lane < runs.Length; lane++)
            {
                Assert.Equal(
                    BitConverter.DoubleToInt64Bits(clean.Indicator(ind, clean.Inputs.Steps, lane)),
                    BitConverter.DoubleToInt64Bits(dirty.Indicator(ind, dirty.Inputs.Steps, lane)));
            }
        }
    }

    [Fact]
    public void An_ensembles_counts_have_one_entry_per_stance_path_whatever_the_padding_of_its_counters()
    {
        var inputs = TestKit.Tiny(2030).Build(TestKit.Registry);
        var result = EnsembleRunner.Run(inputs, new EnsembleOptions(200, 5, Threads: 2));
        Assert.Equal(inputs.StancePaths.Length, result.Kpis.StancePathCounts.Length);
        Assert.Equal(200, result.Kpis.StancePathCounts.Sum());
    }
}
