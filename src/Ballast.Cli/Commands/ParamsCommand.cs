using Ballast.Data.Parameters;
using Ballast.Runs;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast params</c>: the parameter registry, every parameter with its value, unit and source.</summary>
public static class ParamsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var format = CommonOptions.Format();
        return BallastCli.Command(ctx, "params", "The parameter registry: every model parameter with its value or distribution, unit and source (calibrated, cited, or an assumption with its reasoning).", [format], p =>
        {
            var t = new ResultTable("Parameter registry", [
                new("name", "Name", RightAlign: false),
                new("value", "Value", "G4"),
                new("distribution", "Uncertainty", RightAlign: false),
                new("unit", "Unit", RightAlign: false),
                new("source_kind", "Source kind", RightAlign: false),
                new("source", "Source / reasoning", RightAlign: false),
                new("description", "What it is", RightAlign: false),
            ]);
            foreach (var q in ParameterRegistryLoader.Default.All)
            {
                t.Add(q.Name, q.Value, q.Distribution is { } d ? RunManifest.Format(d, "G4") : null, q.Unit, q.SourceKind.ToString().ToLowerInvariant(), q.Source, q.Description);
            }

            t.Sources.Add("Registry: data/parameters.csv (embedded).");
            t.Write(p.GetValue(format), ctx.Console, ctx.Out);
            return 0;
        });
    }
}
