namespace Ballast.Cli.Commands;

/// <summary><c>ballast params</c>: the parameter registry, every parameter with its value, unit and source.</summary>
public static class ParamsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "params", "The parameter registry: every model parameter with its value or distribution, unit and source (calibrated, cited, or an assumption with its reasoning).",
            ["ballast params", "ballast params --format csv > parameters.csv"],
            [.. output.Symbols], p =>
        {
            var t = new ResultTable("Parameter registry", [
                new("name", "Name", RightAlign: false),
                new("value", "Value", "G4"),
                new("distribution", "Uncertainty", RightAlign: false, Priority: 2),
                new("unit", "Unit", RightAlign: false, Priority: 3),
                new("source_kind", "Source kind", RightAlign: false, Priority: 4),
                new("source", "Source / reasoning", RightAlign: false, Priority: 1),
                new("description", "What it is", RightAlign: false, Priority: 1),
            ]);
            foreach (var q in ParameterRegistryLoader.Default.All)
            {
                t.Add(q.Name, q.Value, q.Distribution is { } d ? RunManifest.Format(d, "G4") : null, q.Unit, q.SourceKind.ToString().ToLowerInvariant(), q.Source, q.Description);
            }

            t.Sources.Add("Registry: data/parameters.csv (embedded).");
            output.Write(p, ctx, new ResultDocument("params", t));
            return 0;
        });
    }
}
