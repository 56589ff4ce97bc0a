using Ballast.Optimisation.Solving;

// ballast-optimiser: one solve per process. The request is read from standard input and the response written to
// standard output as raw UTF-8 bytes (no console encoding in between); the exit code is 0, or 2 with an error.
if (args.Length > 0)
{
    Console.Error.WriteLine(
        $"ballast-optimiser {typeof(OptimiserProtocol).Assembly.GetName().Version?.ToString(3)} (protocol {OptimiserProtocol.Version}): "
        + "the roles-and-missions solver for `ballast optimise`; it reads a JSON request on standard input and takes no arguments.");
    return args is ["--help" or "-h" or "--version"] ? 0 : OptimiserProtocol.ErrorExitCode;
}

using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
return OptimiserProtocol.Serve(input, output);
