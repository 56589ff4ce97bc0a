using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ballast.Web.Tests;

internal static class TestHttp
{
    public static async Task<JsonElement> Json(this HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem document with the status and field, returns it; never a stack trace.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage r, HttpStatusCode status, string field)
    {
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = await r.Json(status);
        Assert.Equal((int)status, p.GetProperty("status").GetInt32());
        Assert.Equal(field, p.GetProperty("field").GetString());
        var text = p.GetRawText();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return p;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient c, string url, object body) => c.PostAsJsonAsync(url, body);

    public static async Task<JsonElement> WaitFor(HttpClient c, string id, TimeSpan? limit = null)
    {
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var j = await (await c.GetAsync($"/api/jobs/{id}")).Json();
            var s = j.GetProperty("status").GetString();
            if (s is "Succeeded" or "Failed" or "Cancelled")
            {
                return j;
            }

            Assert.True(DateTime.UtcNow < until, $"job {id} still {s}");
            await Task.Delay(50);
        }
    }
}
