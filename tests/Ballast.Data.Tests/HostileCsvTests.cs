using Ballast.Core;
using Ballast.Data.Countries;
using Ballast.Data.Csv;
using Ballast.Data.Panel;

namespace Ballast.Data.Tests;

/// <summary>User CSV built to mislead or exhaust the reader: each case is a located error or the right country, never a silent guess.</summary>
public sealed class HostileCsvTests : IDisposable
{
    private const string Header = "country,year,gdp_current_usd,milex_current_usd\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("ballast-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static BallastInputException Fails(string csv) =>
        Assert.Throws<BallastInputException>(() => PanelBuilder.FromUserTable(CsvTable.Parse("u.csv", new StringReader(csv))));

    [Fact]
    public void Zero_gdp_with_positive_spending_is_refused_at_its_field()
    {
        var e = Fails(Header + "JPN,2020,0,1e9\n");
        Assert.Equal("u.csv:2, field 'gdp_current_usd', value '0': GDP is 0 but spending is positive; give the GDP or leave spending empty", e.Message);
    }

    [Fact]
    public void Zero_gdp_and_zero_spending_is_accepted()
    {
        var p = PanelBuilder.FromUserTable(CsvTable.Parse("u.csv", new StringReader(Header + "JPN,2020,0,0\n")));
        Assert.Single(p.Countries);
    }

    [Theory]
    [InlineData("JP\0N", "U+0000")]
    [InlineData("JP\u200BN", "U+200B")]
    [InlineData("JPN\u0007", "U+0007")]
    [InlineData("\u202EJPN", "U+202E")]
    public void Control_and_invisible_characters_in_a_field_are_refused(string code, string named)
    {
        var e = Fails(Header + code + ",2020,1e12,1e9\n");
        Assert.Equal($"u.csv:2, field 'country': contains the control or invisible character {named}", e.Message);
    }

    [Theory]
    [InlineData("Côte d'Ivoire")]
    [InlineData("Côte d’Ivoire")]
    [InlineData("Cote d'Ivoire")]
    [InlineData("Curaçao")]
    [InlineData("São Tomé and Príncipe")]
    [InlineData("Türkiye")]
    public void Names_with_diacritics_and_apostrophes_resolve(string name)
    {
        var p = PanelBuilder.FromUserTable(CsvTable.Parse("u.csv", new StringReader(Header + $"\"{name}\",2020,1e12,1e9\n")));
        Assert.Equal(CountryData.Registry.Resolve(name).Iso3, Assert.Single(p.Countries));
    }

    [Fact]
    public void Cote_d_Ivoire_is_the_Ivory_Coast()
    {
        Assert.Equal("CIV", CountryData.Registry.Resolve("Côte d'Ivoire").Iso3);
    }

    [Fact]
    public void An_unknown_country_of_a_megabyte_is_echoed_cut_short()
    {
        var name = new string('q', 1_000_000);
        var e = Assert.Throws<BallastInputException>(() => CountryData.Registry.Resolve(name, "u.csv", 2, "country"));
        Assert.True(e.Message.Length < 400, e.Message);
        Assert.Contains($"… ({name.Length} characters)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_at_the_length_limit_is_read_and_one_character_more_is_refused()
    {
        var at = new string('x', InputLimits.CsvFieldChars);
        var t = CsvTable.Parse("u.csv", new StringReader("a,b\n" + at + ",1\n"));
        Assert.Equal(at, t.Records[0][0]);
        var e = Assert.Throws<BallastInputException>(() => CsvTable.Parse("u.csv", new StringReader("a,b\n" + at + "x,1\n")));
        Assert.Equal($"u.csv:2, field 'a': the field is longer than {InputLimits.CsvFieldChars} characters", e.Message);
    }

    [Fact]
    public void Rows_at_the_limit_are_read_and_one_more_is_refused()
    {
        var rows = string.Concat(Enumerable.Repeat("1\n", InputLimits.CsvRows));
        Assert.Equal(InputLimits.CsvRows, CsvTable.Parse("u.csv", new StringReader("a\n" + rows)).Records.Count);
        var e = Assert.Throws<BallastInputException>(() => CsvTable.Parse("u.csv", new StringReader("a\n" + rows + "1\n")));
        Assert.Equal($"u.csv:{InputLimits.CsvRows + 2}: the file has more than {InputLimits.CsvRows} data rows", e.Message);
    }

    [Fact]
    public void A_file_at_the_byte_limit_is_read_and_one_byte_more_is_refused()
    {
        var path = Path.Combine(_dir, "big.csv");
        using (var f = File.Create(path))
        {
            var row = System.Text.Encoding.ASCII.GetBytes(new string('7', 63) + "\n");
            f.Write("a\n"u8);
            var count = (InputLimits.CsvBytes - 2) / row.Length;
            for (var i = 0; i < count; i++)
            {
                f.Write(row);
            }

            f.Write(new byte[InputLimits.CsvBytes - f.Length].Select(_ => (byte)'\n').ToArray());
        }

        Assert.Equal(InputLimits.CsvBytes, new FileInfo(path).Length);
        Assert.Equal((InputLimits.CsvBytes - 2) / 64, CsvTable.Load(path).Records.Count);
        File.AppendAllText(path, "\n");
        var e = Assert.Throws<BallastInputException>(() => CsvTable.Load(path));
        Assert.Equal($"{path}: the file is larger than {InputLimits.CsvBytes} bytes", e.Message);
    }

    [Fact]
    public void An_endless_device_is_refused_after_the_byte_limit()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var e = Assert.Throws<BallastInputException>(() => CsvTable.Load("/dev/zero"));
        Assert.Equal($"/dev/zero: the file is larger than {InputLimits.CsvBytes} bytes", e.Message);
    }
}
