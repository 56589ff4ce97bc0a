namespace Ballast.Engine.Tests;

/// <summary>
/// Cells with one bit pattern in every run written so far are kept out of the sample's pages
/// (<see cref="EnsemblePartial.WriteBlock"/>): the pages and percentiles must hold exactly the values written, whatever a
/// cell does later.
/// </summary>
public class UniformCellTests
{
    private const int Block = 16;
    private static readonly int[] Counts = [Block, Block, Block, Block, Block, 5]; // slots 0–63 on one page, 64–84 on the next
    private static readonly double PayloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_2000_0000); // as a float: 0x7FC00001

    private static readonly ModelInputs Inputs = SyntheticInputs.Baseline(TestKit.Registry);

    /// <summary>The value of a cell in lane <paramref name="lane"/> of block <paramref name="block"/>: seven kinds of cell.</summary>
    private static double Value(int cell, int block, int lane) => (cell % 7) switch
    {
        0 => 1.25,                                           // one value in every run
        1 => block == 3 && lane == 5 ? 3.5 : 2.5,            // one value for three blocks, then a different one once
        2 => block == 2 && lane == 0 ? 0.0 : -0.0,           // −0 but one +0: equal as numbers, not as bits
        3 => double.NaN,                                     // the same NaN in every run
        4 => block == 5 && lane == 4 ? PayloadNaN : double.NaN, // another NaN's bits in the last, partial block
        5 => (block * Block) + lane + (cell * 0.001),        // different in every run
        _ => block == 5 && lane == 2 ? 8.0 : 7.0,            // one value until the last, partial block
    };

    private static readonly int Cells = new IndicatorLayout(Inputs.Codes).Count * (Inputs.Steps + 1);

    private static double[] Records(int block, int count)
    {
        var records = new double[Cells * Block];
        for (int c = 0; c < Cells; c++)
        {
            for (int lane = 0; lane < count; lane++)
            {
                records[(c * Block) + lane] = Value(c, block, lane);
            }
        }

        return records;
    }

    /// <summary>Writes the blocks as the runner does; blocks in <paramref name="byValue"/> go value by value through <c>Location</c>.</summary>
    private static EnsemblePartial Write(Func<int, bool> byValue)
    {
        var partial = new EnsemblePartial(Inputs, 3, 4096);
        int run = 0;
        for (int b = 0; b < Counts.Length; b++)
        {
            int count = Counts[b];
            var records = Records(b, count);
            int first = partial.RentSlot();
            for (int k = 1; k < count; k++)
            {
                Assert.Equal(first + k, partial.RentSlot());
            }

            if (byValue(b))
            {
                for (int k = 0; k < count; k++)
                {
                    var (page, within) = partial.Location(first + k);
                    for (int c = 0; c < Cells; c++)
                    {
                        page[(c * EnsemblePartial.PageRows) + within] = (float)records[(c * Block) + k];
                    }
                }
            }
            else
            {
                partial.WriteBlock(records, Block, first, Cells, count);
            }

            for (int k = 0; k < count; k++)
            {
                partial.Offer(run++, first + k);
            }
        }

        return partial;
    }

    private static void SamePercentileBits(EnsembleResult expected, EnsembleResult actual)
    {
        Assert.Equal(expected.Percentiles.Length, actual.Percentiles.Length);
        for (int k = 0; k < expected.Percentiles.Length; k++)
        {
            var (e, a) = (expected.Percentiles[k], actual.Percentiles[k]);
            Assert.Equal((e.Indicator, e.Year), (a.Indicator, a.Year));
            Assert.Equal(
                new[] { e.P5, e.P25, e.P50, e.P75, e.P95 }.Select(BitConverter.DoubleToInt64Bits),
                new[] { a.P5, a.P25, a.P50, a.P75, a.P95 }.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    private static void PagesHoldEveryValue(EnsemblePartial partial)
    {
        int run = 0;
        for (int b = 0; b < Counts.Length; b++)
        {
            for (int lane = 0; lane < Counts[b]; lane++, run++)
            {
                var (page, within) = partial.Location(run);
                for (int c = 0; c < Cells; c++)
                {
                    float expected = (float)Value(c, b, lane);
                    float actual = page[(c * EnsemblePartial.PageRows) + within];
                    if (BitConverter.SingleToUInt32Bits(expected) != BitConverter.SingleToUInt32Bits(actual))
                    {
                        Assert.Fail($"cell {c} of run {run}: {BitConverter.SingleToUInt32Bits(actual):X8}, expected {BitConverter.SingleToUInt32Bits(expected):X8}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Blocks_that_skip_uniform_cells_give_the_percentiles_of_pages_written_value_by_value()
    {
        var skipping = Write(_ => false);
        var byValue = Write(_ => true);
        SamePercentileBits(byValue.ToResult(1), skipping.ToResult(1));

        // The sample's values behind them, read through Location (which writes the cells still uniform into the pages).
        PagesHoldEveryValue(skipping);
        Assert.Equal(0f, (float)Value(2, 0, 0));
        Assert.True(float.IsNegative((float)Value(2, 0, 0)));
        Assert.Equal(0x7FC00001u, BitConverter.SingleToUInt32Bits((float)PayloadNaN));
    }

    [Fact]
    public void A_block_written_through_Location_between_skipping_blocks_ends_the_skipping_with_every_value_in_place()
    {
        var mixed = Write(b => b == 2);
        var byValue = Write(_ => true);
        SamePercentileBits(byValue.ToResult(1), mixed.ToResult(1));
        PagesHoldEveryValue(mixed);
    }

    [Fact]
    public void A_cell_uniform_for_three_blocks_then_varying_has_the_percentiles_of_its_values()
    {
        var result = Write(_ => false).ToResult(1);
        var layout = new IndicatorLayout(Inputs.Codes);
        int cell = 7 + 1; // kind 1: 2.5 in 84 runs, 3.5 in one
        int n = layout.Count;
        var name = layout.Names[cell % n];
        int year = Inputs.StartYear + (cell / n);
        var values = Enumerable.Repeat(2.5, 84).Append(3.5).ToArray();
        Assert.Equal(EnsemblePartial.Percentiles(name, year, values), result.Get(name, year));
        Assert.Equal(2.5, result.Get(name, year).P95);
    }
}
