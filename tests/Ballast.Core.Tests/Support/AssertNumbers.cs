using System.Globalization;

namespace Ballast.Core.Tests.Support;

/// <summary>Named tolerance helpers for numeric checks against reference values.</summary>
internal static class AssertNumbers
{
    public static void Close(double expected, double? actual, double absolute)
    {
        Assert.True(actual is not null, $"expected {expected.ToString(CultureInfo.InvariantCulture)} but the value is missing (null).");
        var diff = Math.Abs(expected - actual!.Value);
        Assert.True(
            diff <= absolute,
            string.Create(CultureInfo.InvariantCulture, $"expected {expected:R} ± {absolute:G3}, got {actual.Value:R} (off by {diff:G3})."));
    }

    public static void RelativelyClose(double expected, double? actual, double relative)
    {
        Assert.True(actual is not null, "the value is missing (null).");
        Close(expected, actual, Math.Abs(expected) * relative);
    }
}
