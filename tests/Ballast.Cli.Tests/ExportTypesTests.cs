using DuckDB.NET.Data;

namespace Ballast.Cli.Tests;

/// <summary>Exported files keep their types: a 0/1 outcome is a boolean in Parquet and true/false in CSV.</summary>
public sealed class ExportTypesTests(CommandSamples samples) : IClassFixture<CommandSamples>
{
    [Fact]
    public void Crossed_is_boolean_in_parquet_and_true_or_false_in_csv()
    {
        var parquet = Path.Combine(samples.Dir, "export-parquet");
        var (code, _, err) = CliRunner.Run("export", samples.Store, "--out", parquet);
        Assert.True(code == 0, err);
        using (var db = new DuckDBConnection("DataSource=:memory:"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{Path.Combine(parquet, "outcomes.parquet")}') WHERE column_name IN ('run', 'crossed', 'balance_ratio') ORDER BY column_name";
            using var r = cmd.ExecuteReader();
            var types = new List<string>();
            while (r.Read())
            {
                types.Add($"{r.GetString(0)} {r.GetString(1)}");
            }

            Assert.Equal(["balance_ratio DOUBLE", "crossed BOOLEAN", "run INTEGER"], types);
        }

        var csv = Path.Combine(samples.Dir, "export-csv");
        Assert.Equal(0, CliRunner.Run("export", samples.Store, "--file-format", "csv", "--out", csv).Code);
        var lines = File.ReadAllLines(Path.Combine(csv, "outcomes.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "crossed");
        Assert.Equal(240, lines.Length - 1); // Sobol: N(D + 2) rows, 8 base samples × (28 uncertain parameters + 2)
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[column], new[] { "true", "false" }));
    }
}
