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
}
