using System.Runtime.InteropServices;

namespace Ballast.Engine.Memory;

/// <summary>
/// Buffers that own their cache lines: a simulation's block buffers (so no vector load or store spans two lines, and no
/// other thread's data shares a line with them) and an ensemble's sample pages (so a block's share of a page row is one
/// whole line, written past the caches).
/// </summary>
/// <remarks>
/// Ordinary arrays of two simulations on two threads can end up side by side after a compacting collection, and a line
/// holding the end of one and the start of the other is then written by both cores in turn (false sharing): a million
/// runs on two threads took 5.7 s of CPU in some processes and 9–11 s in others. These buffers live on the pinned heap
/// (never moved) with a whole line of padding after them, so a line of theirs holds nothing of another buffer's.
/// </remarks>
internal static class CacheLines
{
    /// <summary>Bytes in a cache line.</summary>
    private const int Size = 64;

    /// <summary>
    /// A zeroed buffer of <paramref name="length"/> values whose first starts a cache line, on the pinned heap (it never
    /// moves), followed by at least a line of padding. A .NET array's data starts anywhere on a line, so this is a segment
    /// of a slightly longer array.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">Values in the buffer.</param>
    public static ArraySegment<T> Allocate<T>(int length)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        var buffer = GC.AllocateArray<T>(length + (2 * Size / size) - 1, pinned: true);
        var address = (nuint)(nint)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
        return new ArraySegment<T>(buffer, (int)((Size - (address % Size)) % Size) / size, length);
    }

    /// <summary>
    /// A zeroed array of at least <paramref name="length"/> values (its first <paramref name="length"/> are the buffer) on the
    /// pinned heap with a line of padding after them, for buffers read as arrays: the line of its start may hold only the
    /// padding of the buffer before it.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">Values in the buffer.</param>
    public static T[] Padded<T>(int length)
        where T : unmanaged =>
        GC.AllocateArray<T>(length + ((Size + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>()), pinned: true);
}
