using Ballast.Core;
using Ballast.Data.Csv;

namespace Ballast.Data.Tests;

public class CsvTableTests
{
    private static CsvTable Parse(string text) => CsvTable.Parse("t.csv", new StringReader(text));

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_numbers()
    {
        var t = Parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\n1,2\n");
        Assert.Equal(2, t.Records.Count);
        Assert.Equal("x, y", t.Records[0][0]);
        Assert.Equal("say \"hi\"", t.Records[0][1]);
        Assert.Equal(4, t.Records[1].Line);
    }

    [Fact]
    public void Missing_column_names_file_and_column()
    {
        var t = Parse("a,b\n1,2\n");
        var e = Assert.Throws<BallastInputException>(() => t.Column("c"));
        Assert.Equal("t.csv:1, field 'c': missing column 'c' (columns present: a, b)", e.Message);
    }

    [Fact]
    public void Non_numeric_value_names_line_column_and_value()
    {
        var t = Parse("a,b\n1,2\n3,x\n");
        var e = Assert.Throws<BallastInputException>(() => t.Records[1].Number(1));
        Assert.Equal("t.csv:3, field 'b', value 'x': is not a number", e.Message);
    }

    [Fact]
    public void Ragged_row_is_rejected_with_its_line()
    {
        var e = Assert.Throws<BallastInputException>(() => Parse("a,b\n1,2\n3\n"));
        Assert.Equal("t.csv:3: expected 2 fields as in the header, found 1", e.Message);
    }

    [Fact]
    public void Header_names_are_trimmed_and_matched_ignoring_case()
    {
        var t = Parse("\uFEFFIso3 , Year\nJPN,2024\n");
        Assert.Equal(["Iso3", "Year"], t.Header);
        Assert.Equal(0, t.Column("iso3"));
        Assert.True(t.Has("YEAR"));
        Assert.Equal(("JPN", 2024), (t.Records[0].RequiredText("ISO3"), t.Records[0].Integer("year")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("NA")]
    [InlineData("..")]
    [InlineData(" .. ")]
    public void Empty_NA_and_two_dots_are_missing_numbers(string field)
    {
        var r = Parse($"a,b\nx,{field}\n").Records[0];
        Assert.Null(r.Number("b"));
        Assert.Null(r.OptionalInteger("b"));
    }

    [Fact]
    public void NA_is_text_not_a_missing_value()
    {
        // Namibia's ISO alpha-2 code: only numbers read NA as missing.
        var r = Parse("iso2,n\nNA,\n").Records[0];
        Assert.Equal("NA", r.Text("iso2"));
        Assert.Null(r.Text("n"));
    }

    [Theory]
    [InlineData("", "t.csv:2, field 'b', value '': is empty")]
    [InlineData("NA", "t.csv:2, field 'b', value 'NA': is missing")]
    [InlineData("2.5", "t.csv:2, field 'b', value '2.5': is not a whole number")]
    public void Required_values_name_line_field_and_value(string field, string message)
    {
        var r = Parse($"a,b\nx,{field}\n").Records[0];
        Assert.Equal(message, Assert.Throws<BallastInputException>(() => r.Integer("b")).Message);
        if (field != "2.5")
        {
            Assert.Equal(message, Assert.Throws<BallastInputException>(() => r.RequiredNumber("b")).Message);
        }
    }

    [Fact]
    public void Flags_are_zero_or_one()
    {
        var t = Parse("f\n1\n0\nyes\n");
        Assert.Equal((true, false), (t.Records[0].Flag("f"), t.Records[1].Flag("f")));
        Assert.Equal("t.csv:4, field 'f', value 'yes': is not 0 or 1", Assert.Throws<BallastInputException>(() => t.Records[2].Flag("f")).Message);
    }

    [Fact]
    public void A_record_spanning_lines_keeps_the_line_it_starts_on()
    {
        var t = Parse("a,b\n\"two\nlines\",x\n3,y\n");
        Assert.Equal(("two\nlines", 2), (t.Records[0][0], t.Records[0].Line));
        Assert.Equal(4, t.Records[1].Line);
        Assert.Equal("t.csv:2: unterminated quoted field", Assert.Throws<BallastInputException>(() => Parse("a\n\"open\n")).Message);
    }

    [Fact]
    public void Fields_mixing_plain_and_other_characters_are_read_whole()
    {
        // A quote inside an unquoted field, a quoted comma, line break and doubled quote, a tab and non-ASCII letters.
        var t = Parse("a,b,c\nx\"y z,\"1,2\n3\"\"4\",C\u00f4te d'Ivoire\tx\n5,6,7\n");
        Assert.Equal(("x\"y z", "1,2\n3\"4", "C\u00f4te d'Ivoire\tx"), (t.Records[0][0], t.Records[0][1], t.Records[0][2]));
        Assert.Equal((2, 4), (t.Records[0].Line, t.Records[1].Line));
    }

    [Fact]
    public void The_length_limit_counts_plain_and_other_characters_alike()
    {
        var at = new string('x', InputLimits.CsvFieldChars - 2) + "\u00e9x";
        Assert.Equal(at, Parse("a\n" + at + "\n").Records[0][0]);
        Assert.Equal(at, Parse("a\n\"" + at + "\"\n").Records[0][0]);
        string refused = $"t.csv:2, field 'a': the field is longer than {InputLimits.CsvFieldChars} characters";
        Assert.Equal(refused, Assert.Throws<BallastInputException>(() => Parse("a\n" + at + "y\n")).Message);
        Assert.Equal(refused, Assert.Throws<BallastInputException>(() => Parse("a\n" + at + "\u00e9\n")).Message);
        Assert.Equal(refused, Assert.Throws<BallastInputException>(() => Parse("a\n\"" + at + ",\"\n")).Message);
    }
}
