namespace Ballast.Engine.Model;

/// <summary>
/// Simulations kept for the next use by any inputs of the same shape (<see cref="ModelTables"/>' actors, years, targets
/// and roles). A simulation's buffers (about 3 MB for the baseline at 128 runs a block, most of it the records) would
/// otherwise be allocated, zeroed and faulted in again for every ensemble of new inputs: every workbench edit and every
/// ensemble of a wargame turn compiles new inputs. A rented simulation is rebound to the tables asked for, and since
/// every block starts with <see cref="Simulation.Reset(ReadOnlySpan{long}, ulong)"/>, its results are those of a new one.
/// </summary>
public static class SimulationPool
{
    // At most this many shapes are kept (the most recently returned), so a server that sees many actor sets holds a
    // bounded number of simulations; per shape and block size, one simulation per core.
    private const int Shapes = 4;
    private static readonly int Keep = Math.Max(2, Environment.ProcessorCount);
    private static readonly Lock Gate = new();
    private static readonly LinkedList<(string Key, Stack<Simulation> Free)> Recent = []; // most recently returned first

    // Simulations are built one at a time: the buffers of one are then side by side in the pinned heap, in the same
    // places relative to each other in every process, instead of interleaved with another thread's.
    private static readonly Lock Creating = new();

    /// <summary>A simulation of <paramref name="tables"/> for blocks of <paramref name="blockSize"/> runs: a kept one of the same shape, else a new one.</summary>
    public static Simulation Rent(ModelTables tables, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Simulation? kept = null;
        lock (Gate)
        {
            var free = Find(Key(tables.Shape, Simulation.Lanes(blockSize)))?.Value.Free;
            if (free is not null && free.Count > 0)
            {
                kept = free.Pop();
            }
        }

        if (kept is null)
        {
            lock (Creating)
            {
                return new Simulation(tables, blockSize);
            }
        }

        if (!ReferenceEquals(kept.Tables, tables))
        {
            kept.Rebind(tables);
        }

        return kept;
    }

    /// <summary>Keeps <paramref name="simulation"/> for a later <see cref="Rent"/> (the caller no longer uses it).</summary>
    public static void Return(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        lock (Gate)
        {
            string key = Key(simulation.Tables.Shape, simulation.BlockSize);
            var node = Find(key);
            if (node is null)
            {
                node = Recent.AddFirst((key, new Stack<Simulation>()));
                if (Recent.Count > Shapes)
                {
                    Recent.RemoveLast();
                }
            }
            else if (node != Recent.First)
            {
                Recent.Remove(node);
                Recent.AddFirst(node);
            }

            if (node.Value.Free.Count < Keep)
            {
                node.Value.Free.Push(simulation);
            }
        }
    }

    private static string Key(string shape, int lanes) => $"{lanes}|{shape}";

    private static LinkedListNode<(string Key, Stack<Simulation> Free)>? Find(string key)
    {
        for (var node = Recent.First; node is not null; node = node.Next)
        {
            if (node.Value.Key == key)
            {
                return node;
            }
        }

        return null;
    }
}
