using System.Runtime.InteropServices;

namespace Ballast.Engine.Memory;

/// <summary>
/// Buffers that start on a 64-byte cache line: a simulation's block buffers (so no vector load or store spans two lines)
/// and an ensemble's sample pages (so a block's share of a page row is one whole line, written past the caches).
/// </summary>
internal static class CacheLines
{
    /// <summary>Bytes in a cache line.</summary>
    private const int Size = 64;

    /// <summary>
    /// A zeroed buffer of <paramref name="length"/> values whose first starts a cache line, on the pinned heap (it never
    /// moves). A .NET array's data starts anywhere on a line, so this is a segment of a slightly longer array.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">Values in the buffer.</param>
    public static ArraySegment<T> Allocate<T>(int length)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        var buffer = GC.AllocateArray<T>(length + (Size / size) - 1, pinned: true);
        var address = (nuint)(nint)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
        return new ArraySegment<T>(buffer, (int)((Size - (address % Size)) % Size) / size, length);
    }
}
