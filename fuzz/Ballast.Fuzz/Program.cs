using Ballast.Fuzz;
using SharpFuzz;

// Usage: Ballast.Fuzz HARNESS          (under afl-fuzz, input on stdin; see fuzz/run.sh)
//        Ballast.Fuzz HARNESS FILE...  (replays files once each, e.g. a crash afl found)
if (args.Length == 0 || !Harnesses.All.TryGetValue(args[0], out var harness))
{
    Console.Error.WriteLine($"usage: Ballast.Fuzz {string.Join('|', Harnesses.All.Keys)} [FILE...]");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        harness(File.ReadAllBytes(file));
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    harness(buffer.ToArray());
});
return 0;
